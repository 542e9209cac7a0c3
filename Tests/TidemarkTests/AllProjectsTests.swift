import Foundation
import TestSupport
import Testing

/// `render --all-projects` and renders that read one snapshot while writers go on.
@Suite(.serialized)
struct AllProjectsTests {
    static let history = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history").path

    static func tidemark(_ arguments: [String], in folder: String) -> (status: Int32, output: String) {
        Spawn.run([FixturePaths.tidemarkBinary.path] + arguments, in: folder)
    }

    /// `record` of example run `index` into `project` (a missing report with the interrupted
    /// JUnit file for run 0: a failed measurement).
    static func record(_ project: String, _ index: Int, history: String, day: Int? = nil) -> [String] {
        let inputs =
            index == 0
            ? [
                "--input", "python=\(Self.history)/missing-coverage.xml", "--tests",
                "python=\(Self.history)/interrupted-junit.xml",
            ]
            : [
                "--input", "python=\(Self.history)/coverage-run0\(index).xml", "--tests",
                "python=\(Self.history)/junit-run0\(index).xml",
            ]
        return [
            "record", "--history", history, "--project", project, "--commit", "\(project)-\(index)-\(day ?? index)",
            "--branch", "main", "--time", String(format: "2026-11-%02dT10:00:00Z", day ?? index + 1), "--line-target",
            "90",
        ]
            + inputs
    }

    /// The projects' rows in the order a page lists them.
    static func order(_ page: String) throws -> [String] {
        let text = try String(contentsOfFile: page, encoding: .utf8)
        return text.components(separatedBy: "<th scope=\"row\"><a href=\"p/").dropFirst().compactMap {
            $0.split(separator: "/").first.map(String.init)
        }
    }

    @Test(
        "An index of every project, worst first and by name, each project's site under p/NAME/; unchanged projects are kept, not drawn",
        arguments: Backend.available)
    func index(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let database = backend == .postgres ? try TestDatabase() : nil
        let history = database?.url ?? folder.path + "/h.sqlite"
        for (project, runs) in [("strong", [1, 6]), ("weak", [2, 1]), ("broken", [3, 0])] {
            for (day, index) in runs.enumerated() {
                let recorded = Self.tidemark(
                    Self.record(project, index, history: history, day: day + 3), in: folder.path)
                #expect(recorded.status == (index == 0 ? 2 : 0), "\(recorded.output)")
            }
        }
        let first = Self.tidemark(
            ["render", "--history", history, "--all-projects", "--output", "all"], in: folder.path)
        #expect(
            first.status == 0
                && first.output.contains("3 project(s); 3 site(s) drawn, 0 unchanged; 3 read from the history"),
            "\(first.output)")
        #expect(try Self.order(folder.path + "/all/index.html") == ["broken", "weak", "strong"])
        #expect(try Self.order(folder.path + "/all/by-name.html") == ["broken", "strong", "weak"])
        let index = try String(contentsOfFile: folder.path + "/all/index.html", encoding: .utf8)
        #expect(
            index.contains("measurement failed: python") && index.contains("class=\"sparkline\"")
                && index.contains("2026-11-04T10:00:00Z"))
        #expect(index.contains("▼ −"), "weak dropped since its run before")
        for project in ["strong", "weak", "broken"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder.path)/all/p/\(project)/index.html"))
            #expect(FileManager.default.fileExists(atPath: "\(folder.path)/all/p/\(project)/history.jsonl.gz"))
        }
        let unchanged = Self.tidemark(
            ["render", "--history", history, "--all-projects", "--output", "all"], in: folder.path)
        #expect(unchanged.output.contains("0 site(s) drawn, 3 unchanged; 0 read"), "\(unchanged.output)")
        // Unchanged projects' lines come from projects.json; a damaged one is read again from the history.
        let lines = try String(contentsOfFile: folder.path + "/all/projects.json", encoding: .utf8)
        #expect(lines.contains("{\"name\": \"weak\", \"key\": \"project-v1-"), "\(lines)")
        try folder.write("all/projects.json", String(lines.dropLast(9)))
        let damaged = Self.tidemark(
            ["render", "--history", history, "--all-projects", "--output", "all"], in: folder.path)
        #expect(damaged.output.contains("0 site(s) drawn, 3 unchanged; 3 read"), "\(damaged.output)")
        #expect(try String(contentsOfFile: folder.path + "/all/projects.json", encoding: .utf8) == lines)
        #expect(Self.tidemark(Self.record("weak", 3, history: history, day: 20), in: folder.path).status == 0)
        let one = Self.tidemark(["render", "--history", history, "--all-projects", "--output", "all"], in: folder.path)
        #expect(one.output.contains("1 site(s) drawn, 2 unchanged; 1 read"), "\(one.output)")
        // What was kept equals what a render from nothing draws.
        #expect(
            Self.tidemark(["render", "--history", history, "--all-projects", "--output", "fresh"], in: folder.path)
                .status == 0)
        #expect(
            try PostgresCommandTests.files(of: folder.path + "/all")
                == PostgresCommandTests.files(of: folder.path + "/fresh"))
        // The output rules of every render: a folder Tidemark did not write is refused.
        try folder.write("mine/notes.txt", "mine")
        let refused = Self.tidemark(
            ["render", "--history", history, "--all-projects", "--output", "mine"], in: folder.path)
        #expect(refused.status == 64 && FileManager.default.fileExists(atPath: folder.path + "/mine/notes.txt"))
        withExtendedLifetime(database) {}
    }

    @Test(
        "render reads one snapshot while writers go on: every site agrees with itself",
        .enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
    func snapshotWhileWriting() throws {
        let database = try TestDatabase()
        let folder = try TemporaryFolder()
        #expect(Self.tidemark(Self.record("shop", 1, history: database.url, day: 1), in: folder.path).status == 0)
        let writers = (2...13).compactMap { day in
            Spawn.launch(
                [FixturePaths.tidemarkBinary.path] + Self.record("shop", day % 5 + 1, history: database.url, day: day))
        }
        var sites = 0
        var seen: Set<Int> = []
        while sites < 12 {
            let site = "site\(sites)"
            let result = Self.tidemark(
                ["render", "--history", database.url, "--project", "shop", "--output", site], in: folder.path)
            #expect(result.status == 0, "\(result.output)")
            let count = try Self.consistentRunCount(folder.path + "/" + site)
            seen.insert(count)
            sites += 1
        }
        #expect(writers.map { $0.wait().status }.allSatisfy { $0 == 0 })
        #expect(seen.count >= 1)
    }

    /// The number of runs a site shows, checked the same on every page that shows it: the history
    /// page, the overview, the history file, and no alert from a run the site does not have.
    static func consistentRunCount(_ site: String) throws -> Int {
        let history = try String(contentsOfFile: site + "/history.html", encoding: .utf8)
        let overview = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        let shown =
            history.components(separatedBy: "<p>").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) }
            ?? -1
        let lines = Spawn.run(["/bin/sh", "-c", "gzip -dc '\(site)/history.jsonl.gz' | wc -l"]).output
        #expect(Int(lines.trimmingCharacters(in: .whitespacesAndNewlines)) == shown, "\(site)")
        #expect(overview.contains("The latest runs of \(shown) recorded"), "\(site)")
        let rows = history.components(separatedBy: "<tr").count - 2
        #expect(rows == shown, "\(site)")
        let newest = history.components(separatedBy: "<time datetime=\"").dropFirst().first?.prefix(20) ?? ""
        let alerts = try String(contentsOfFile: site + "/alerts.html", encoding: .utf8)
        for time in alerts.components(separatedBy: "<time datetime=\"").dropFirst().map({ $0.prefix(20) }) {
            #expect(time <= newest, "an alert of a run the site does not show: \(site)")
        }
        return shown
    }
}
