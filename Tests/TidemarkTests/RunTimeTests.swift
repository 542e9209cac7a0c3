import Foundation
import TestSupport
import Testing

/// Time is explicit, a backfill says so, and a failed latest run hides nothing: the real binary on
/// the real reports of the sample history.
struct RunTimeTests {
    static let samples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/sample-history/reports")
        .path
    static let python = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python").path

    /// `record` (or another command) of one variant of the sample reports at `time`.
    static func run(
        _ command: String, _ variant: String, time: String?, commit: String, in folder: TemporaryFolder,
        extra: [String] = []
    ) throws -> CommandResult {
        try CommandRunner.tidemark(
            [
                command, "--history", folder.path + "/h.sqlite", "--alert-log", folder.path + "/alerts.jsonl",
                "--commit", commit,
                "--input", "python=\(samples)/\(variant)-coverage.xml.gz", "--tests",
                "python=\(samples)/\(variant)-junit.xml.gz",
                "--source-root", "python=\(python)",
            ]
                + (time.map { ["--time", $0] } ?? []) + extra)
    }

    static func kinds(_ folder: TemporaryFolder) -> [String] {
        let text = (try? String(contentsOfFile: folder.path + "/alerts.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["kind"] as? String
        }
    }

    @Test(
        "--time wins over a blocked run's JUnit time; the runs after it are newer, clear its alerts, and the banner holds only what holds"
    )
    func blockedRunTakesTheGivenTime() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.run("record", "v08", time: "2026-10-01T09:00:00Z", commit: "d1", in: folder).status == 0)
        #expect(try Self.run("record", "u08", time: "2026-10-02T09:00:00Z", commit: "d2", in: folder).status == 0)
        let blocked = try Self.run("record", "b01", time: "2026-10-03T09:00:00Z", commit: "d3", in: folder)
        #expect(blocked.status == 2)
        #expect(blocked.stdout.contains("of 2026-10-03T09:00:00Z"), "\(blocked.stdout)")
        let site = folder.path + "/site"
        let next = try Self.run(
            "generate", "v08", time: "2026-10-04T09:00:00Z", commit: "d4", in: folder, extra: ["--output", site])
        #expect(next.status == 0)
        #expect(!next.stderr.contains("backfill"))
        #expect(Array(Self.kinds(folder).suffix(2)) == ["measurement-cleared", "collection-errors-cleared"])
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(!index.contains("Active alerts"), "nothing holds at the newest run")
        let alerts = try String(contentsOfFile: site + "/alerts.html", encoding: .utf8)
        #expect(alerts.contains("No alert condition is active.") && alerts.contains("tests pass again"))
    }

    @Test("Without --time, the coverage report's time wins over the JUnit file's")
    func coverageTimeWins() throws {
        let folder = try TemporaryFolder()
        let inspect = try CommandRunner.tidemark([
            "inspect", "--json", "\(Self.samples)/v08-coverage.xml.gz", "\(Self.samples)/v08-junit.xml.gz",
        ])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let coverage = try #require(reports["\(Self.samples)/v08-coverage.xml.gz"] as? [String: Any])
        let time = try #require(coverage["timestamp"] as? String)
        let result = try Self.run("record", "v08", time: nil, commit: "c", in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("of \(time) in"), "\(result.stdout) vs \(time)")
    }

    @Test("A run recorded before the newest warns of the backfill, is marked on the history page and raises no alert")
    func backfillWarns() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.run("record", "v08", time: "2026-10-05T09:00:00Z", commit: "new", in: folder).status == 0)
        let before = Self.kinds(folder)
        let old = try Self.run("record", "u08", time: "2026-10-01T09:00:00Z", commit: "old", in: folder)
        #expect(old.status == 0)
        #expect(
            old.stderr.contains(
                "warning: recorded as 2026-10-01T09:00:00Z, before the newest run 2026-10-05T09:00:00Z: backfill"),
            "\(old.stderr)")
        #expect(Self.kinds(folder) == before, "the failing tests of a past run are not news")
        let site = folder.path + "/site"
        #expect(
            try CommandRunner.tidemark(["render", "--history", folder.path + "/h.sqlite", "--output", site]).status == 0
        )
        let history = try String(contentsOfFile: site + "/history.html", encoding: .utf8)
        let row = try #require(history.split(separator: "\n").first { $0.contains("2026-10-01T09:00:00Z</time>") })
        #expect(row.contains("class=\"backfill\""))
        let newest = try #require(history.split(separator: "\n").first { $0.contains("2026-10-05T09:00:00Z</time>") })
        #expect(!newest.contains("class=\"backfill\""))
    }

    @Test("A failed latest run keeps the component's pages from its last measured run, each with the stale banner")
    func failedLatestRunHidesNothing() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        _ = try Self.run(
            "generate", "r02", time: "2026-10-01T09:00:00Z", commit: "good-1", in: folder, extra: ["--output", site])
        _ = try Self.run(
            "generate", "v08", time: "2026-10-02T09:00:00Z", commit: "good-2", in: folder, extra: ["--output", site])
        let blocked = try Self.run(
            "generate", "b01", time: "2026-10-03T09:00:00Z", commit: "bad", in: folder, extra: ["--output", site])
        #expect(blocked.status == 2)
        let banner =
            "stale: measured in run good-2 of 2026-10-02T09:00:00Z; the latest run failed: blocked by 1 collection "
            + "error"
        let pages = try GoldenDirectory.files(under: URL(fileURLWithPath: site + "/c/python"))
        #expect(pages.count >= 4)
        for page in pages {
            let text = try String(contentsOfFile: site + "/c/python/" + page, encoding: .utf8)
            #expect(text.contains(banner), "\(page)")
        }
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"c/python/index.html\""))
        #expect(index.contains(banner))
        // The file sections still show the last good run's lines, and what it lost against the one before.
        let folderPage = try String(contentsOfFile: site + "/c/python/index.html", encoding: .utf8)
        #expect(folderPage.contains("217 / 220"))
    }
}
