import Foundation
import HistoryStore
import TestSupport
import Testing

/// The site carries its history (`history.jsonl.gz`), and `--history-from` restores it from a folder,
/// a file or a URL, so a CI job with no cache and no database keeps the project's history (issue 16).
@Suite(.serialized)
struct HistoryFromTests {
    static let history = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history")

    /// `generate` of example run `number` (01…06) into `site` with the history `h`.
    static func generate(
        _ number: String, site: String, history h: String, in folder: TemporaryFolder, extra: [String] = []
    )
        throws -> CommandResult
    {
        try CommandRunner.tidemark(
            [
                "generate", "--history", h, "--commit", "run\(number)", "--branch", "main",
                "--input", "python=\(Self.history.path)/coverage-run\(number).xml",
                "--tests", "python=\(Self.history.path)/junit-run\(number).xml", "--output", site,
            ] + extra,
            in: folder.url)
    }

    static func runIDs(_ path: String) throws -> [String] {
        try HistoryStore(path: path).runs().map(\.id)
    }

    @Test("render writes history.jsonl.gz in the export format, linked from history.html with its size")
    func siteCarriesHistory() throws {
        let folder = try TemporaryFolder()
        for number in ["01", "02"] {
            let result = try Self.generate(number, site: "site", history: "h.sqlite", in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Wrote site/history.jsonl.gz: "))
        }
        let gz = try [UInt8](Data(contentsOf: folder.url.appendingPathComponent("site/history.jsonl.gz")))
        let text = try GzipMembers.decompress(gz, limit: 1 << 30)
        let export = try CommandRunner.tidemark(["history", "export", "--history", "h.sqlite"], in: folder.url)
        #expect(String(decoding: text, as: UTF8.self) == export.stdout)
        let page = try String(contentsOfFile: folder.path + "/site/history.html", encoding: .utf8)
        #expect(page.contains(#"<a href="history.jsonl.gz" download>Download the history</a>"#))
        // The standard tool reads it too.
        let gunzip = try CommandRunner.run(
            URL(fileURLWithPath: "/bin/gzip"), ["-t", folder.path + "/site/history.jsonl.gz"])
        #expect(gunzip.status == 0)
    }

    @Test("--history-from a folder, a .gz file or a .jsonl export imports the runs the history lacks")
    func localSources() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.generate("01", site: "a", history: "a.sqlite", in: folder).status == 0)
        #expect(try Self.generate("02", site: "a", history: "a.sqlite", in: folder).status == 0)
        let export = try CommandRunner.tidemark(
            ["history", "export", "--history", "a.sqlite", "--to", "a.jsonl"], in: folder.url)
        #expect(export.status == 0)
        for (index, source) in ["a", "a/history.jsonl.gz", "a.jsonl"].enumerated() {
            let result = try Self.generate(
                "03", site: "b\(index)", history: "b\(index).sqlite", in: folder, extra: ["--history-from", source])
            #expect(result.status == 0, "\(source): \(result.stderr)")
            #expect(result.stdout.contains("Restored 2 of 2 run(s) from \(source)"))
            #expect(try Self.runIDs(folder.path + "/b\(index).sqlite").count == 3)
        }
        // A second restore adds nothing: runs are matched by id.
        let again = try Self.generate(
            "04", site: "b0", history: "b0.sqlite", in: folder, extra: ["--history-from", "a"])
        #expect(again.stdout.contains("Restored 0 of 2 run(s)"))
        #expect(try Self.runIDs(folder.path + "/b0.sqlite").count == 4)
    }

    @Test(
        "--history-from a URL: 200 and redirects import, 404 is a warning, a truncated gzip and a slow server are errors"
    )
    func httpSources() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.generate("01", site: "site", history: "a.sqlite", in: folder).status == 0)
        let server = try LoopbackHTTPServer(root: folder.path, slowSeconds: 6)

        var result = try Self.generate(
            "02", site: "s1", history: "b1.sqlite", in: folder, extra: ["--history-from", server.url("/site/")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.runIDs(folder.path + "/b1.sqlite").count == 2)

        result = try Self.generate(
            "02", site: "s2", history: "b2.sqlite", in: folder, extra: ["--history-from", server.url("/moved/site")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.runIDs(folder.path + "/b2.sqlite").count == 2, "the redirect was followed")

        result = try Self.generate(
            "02", site: "s3", history: "b3.sqlite", in: folder, extra: ["--history-from", server.url("/missing/")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("warning: --history-from: \(server.url("/missing/history.jsonl.gz")) answered 404"))
        #expect(try Self.runIDs(folder.path + "/b3.sqlite").count == 1, "recorded without a restored history")

        result = try Self.generate(
            "02", site: "s4", history: "b4.sqlite", in: folder,
            extra: ["--history-from", server.url("/truncated/site/history.jsonl.gz")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cut short"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/b4.sqlite"), "nothing recorded")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/s4"))

        let started = Date()
        result = try Self.generate(
            "02", site: "s5", history: "b5.sqlite", in: folder,
            extra: ["--history-from", server.url("/slow/site/"), "--history-from-timeout", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no answer within 1 s"))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/b5.sqlite"))
    }

    @Test("A malformed history file is an error: exit 1 with the line, nothing imported or recorded")
    func malformedSource() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.jsonl", "{\"id\": \"x\"}\n")
        let result = try Self.generate(
            "01", site: "site", history: "h.sqlite", in: folder, extra: ["--history-from", "bad.jsonl"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.jsonl:1:"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/h.sqlite"))
    }

    @Test(
        "Three CI jobs in a row, each with an empty .tidemark/, each restoring the previous site: the third site shows all three runs"
    )
    func ciJobsInARow() throws {
        let folder = try TemporaryFolder()
        var previous: String?
        for (job, number) in ["01", "02", "03"].enumerated() {
            let workspace = "job\(job)"
            try FileManager.default.createDirectory(
                atPath: folder.path + "/" + workspace, withIntermediateDirectories: true)
            let from = previous.map { ["--history-from", "../" + $0] } ?? ["--history-from", "../published"]
            let result = try CommandRunner.tidemark(
                [
                    "generate", "--commit", "run\(number)", "--branch", "main",
                    "--input", "python=\(Self.history.path)/coverage-run\(number).xml", "--output", "public",
                ] + from,
                in: folder.url.appendingPathComponent(workspace))
            #expect(result.status == 0, "\(result.stderr)")
            // The artifact of this job is its public/ folder.
            try FileManager.default.moveItem(
                atPath: folder.path + "/\(workspace)/public", toPath: folder.path + "/site\(job)")
            previous = "site\(job)"
        }
        let summary = try String(contentsOfFile: folder.path + "/site2/summary.json", encoding: .utf8)
        #expect(summary.contains("\"runs\": 3"))
        let page = try String(contentsOfFile: folder.path + "/site2/history.html", encoding: .utf8)
        for number in ["run01", "run02", "run03"] { #expect(page.contains(number)) }
    }

    @Test("Two jobs that raced: merging their histories with history import loses no run, because run ids are stable")
    func racedHistoriesMerge() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.generate("01", site: "base", history: "base.sqlite", in: folder).status == 0)
        // Both jobs restore the same site, then each records its own run.
        #expect(
            try Self.generate("02", site: "x", history: "x.sqlite", in: folder, extra: ["--history-from", "base"])
                .status == 0)
        #expect(
            try Self.generate("03", site: "y", history: "y.sqlite", in: folder, extra: ["--history-from", "base"])
                .status == 0)
        #expect(
            try CommandRunner.tidemark(
                ["history", "import", "--history", "x.sqlite", "y/history.jsonl.gz"], in: folder.url
            ).status == 0)
        #expect(
            try CommandRunner.tidemark(
                ["history", "import", "--history", "y.sqlite", "x/history.jsonl.gz"], in: folder.url
            ).status == 0)
        let x = try Self.runIDs(folder.path + "/x.sqlite")
        #expect(x.count == 3)
        #expect(x == (try Self.runIDs(folder.path + "/y.sqlite")))
    }
}
