import Foundation
import TestSupport
import Testing

/// Every command against a PostgreSQL history, side by side with the same commands on SQLite; logins
/// that fail; passwords that never show.
@Suite(.serialized, .enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
struct PostgresCommandTests {
    static let examples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python").path

    static func tidemark(_ arguments: [String], in folder: String, environment: [String: String] = [:]) -> (
        status: Int32, output: String
    ) {
        Spawn.run([FixturePaths.tidemarkBinary.path] + arguments, environment: environment, in: folder)
    }

    /// The same commands in two folders, one whose history is an SQLite file, one whose history is
    /// a database given by `TIDEMARK_HISTORY_URL` (the other by tidemark.toml's `history`).
    @Test(
        "record, generate, render, status, watch and history list/export/import/prune/copy give the same output and byte-identical sites on both",
        arguments: ["environment", "tidemark.toml"])
    func sameAsSQLite(how: String) throws {
        let database = try TestDatabase()
        let folder = try TemporaryFolder()
        let sqlite = folder.path + "/sqlite"
        let server = folder.path + "/server"
        var environments: [[String: String]] = [["TIDEMARK_PROJECT": "shop"], ["TIDEMARK_PROJECT": "shop"]]
        try FileManager.default.createDirectory(atPath: sqlite, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: server, withIntermediateDirectories: true)
        if how == "environment" {
            environments[1]["TIDEMARK_HISTORY_URL"] = database.url
        } else {
            try folder.write("server/tidemark.toml", "history = \"\(database.url)\"\nproject = \"shop\"\n")
        }
        try folder.write("sqlite/tidemark.toml", "history = \"h.sqlite\"\n")
        var outputs: [[String]] = [[], []]
        for (side, place) in [sqlite, server].enumerated() {
            let environment = environments[side]
            for arguments in Self.session {
                let result = Self.tidemark(arguments, in: place, environment: environment)
                #expect(result.status == 0 || arguments[0] == "status", "\(arguments): \(result.output)")
                outputs[side].append(Self.neutral(result.output, database: database.url))
            }
            outputs[side].append(try Self.watchOnce(in: place, environment: environment))
        }
        #expect(outputs[0] == outputs[1])
        for site in ["site", "again"] {
            #expect(try Self.files(of: "\(sqlite)/\(site)") == Self.files(of: "\(server)/\(site)"), "\(site) differs")
        }
        // history copy, both ways, adds nothing the second time.
        let copied = Self.tidemark(["history", "copy", "--from", database.url, "--to", "copy.sqlite"], in: server)
        #expect(copied.status == 0 && copied.output.contains("shop: 5 run(s) copied"), "\(copied.output)")
        let again = Self.tidemark(["history", "copy", "--from", "copy.sqlite", "--to", database.url], in: server)
        #expect(again.output.contains("shop: 0 run(s) copied, 5 already there"), "\(again.output)")
    }

    /// A working session: records, a failed import, a prune, and every reading command.
    static let session: [[String]] = {
        let history = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history").path
        func run(_ index: Int) -> [String] {
            [
                "record", "--commit", "c\(index)", "--branch", "main", "--time", "2026-11-0\(index)T10:00:00Z",
                "--line-target", "97", "--input", "python=\(history)/coverage-run0\(index).xml",
                "--tests", "python=\(history)/junit-run0\(index).xml", "--source-root", "python=\(examples)",
            ]
        }
        return [run(1), run(2), run(3), run(2)] + [
            [
                "generate", "--commit", "c4", "--branch", "main", "--time", "2026-11-04T10:00:00Z", "--input",
                "python=\(history)/coverage-run04.xml", "--output", "site", "--source-root", "python=\(examples)",
            ],
            ["status"], ["status", "--json"], ["history", "list"], ["history", "list", "--json"],
            ["history", "export", "--to", "export.jsonl"], ["history", "projects"],
            ["history", "prune", "--keep", "3"], ["history", "import", "export.jsonl"], ["history", "export"],
            ["render", "--output", "again", "--source-root", "python=\(examples)"],
        ]
    }()

    /// One tick of watch with a new report: recorded and rendered, then SIGTERM.
    static func watchOnce(in folder: String, environment: [String: String]) throws -> String {
        let history = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history").path
        try FileManager.default.copyItem(atPath: "\(history)/coverage-run05.xml", toPath: "\(folder)/coverage.xml")
        var times = timespec()
        times.tv_sec = 1_700_000_000
        _ = [times, times].withUnsafeBufferPointer { utimensat(AT_FDCWD, "\(folder)/coverage.xml", $0.baseAddress, 0) }
        let watch = try #require(
            Spawn.launch(
                [
                    FixturePaths.tidemarkBinary.path, "watch", "--every", "1s", "--commit", "c5", "--branch", "main",
                    "--input", "python=coverage.xml", "--output", "watched",
                ], environment: environment, in: folder))
        let recorded = PostgresConcurrencyTests.eventually(30) {
            FileManager.default.fileExists(atPath: "\(folder)/watched/index.html")
        }
        kill(watch.pid, SIGTERM)
        let output = watch.wait().output
        #expect(recorded, "\(output)")
        return output.split(separator: "\n").filter { $0.contains("recorded and rendered") }.isEmpty
            ? "no render" : "rendered"
    }

    /// Output with the history's name taken out: everything else must be the same.
    static func neutral(_ output: String, database: String) -> String {
        output.replacingOccurrences(of: "\(database) (project shop)", with: "HISTORY")
            .replacingOccurrences(of: "h.sqlite (project shop)", with: "HISTORY")
            .replacingOccurrences(of: "h.sqlite", with: "HISTORY")
    }

    /// Every file of a site with its bytes, by relative path (the manifest and marker aside).
    static func files(of site: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: site)
        while let path = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: site + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: site + "/" + path))
            }
        }
        #expect(files.count > 10)
        return files
    }

    @Test("No server, no database, a wrong password: exit 1, one line of error, no password in any output")
    func loginFailures() throws {
        let server = try PostgresServer.requireURL()
        let password = try PostgresServer.passwordRole()
        let folder = try TemporaryFolder()
        let inPassword = server.replacingOccurrences(of: "postgres@", with: "tidemark_password:wrong-staple-secret@")
        let user = server.replacingOccurrences(of: "postgres@", with: "tidemark_password@")
        let cases: [(history: String, environment: [String: String], reason: String)] = [
            ("postgresql://ci:unreachable-secret@127.0.0.1:1/coverage", [:], "Connection refused"),
            (
                user.replacingOccurrences(of: "/postgres", with: "/no_such_history"), ["PGPASSWORD": password],
                "does not exist"
            ),
            (inPassword, [:], "password authentication failed"),
            (user, ["PGPASSWORD": "wrong-env-secret"], "password authentication failed"),
        ]
        for (history, environment, reason) in cases {
            for arguments in [
                ["status"], ["history", "list"], ["render", "--output", "site"],
                ["record", "--input", "python=\(Self.examples)/reports/coverage.xml"],
            ] {
                let result = Self.tidemark(
                    arguments + ["--history", history], in: folder.path, environment: environment)
                let errors = result.output.split(separator: "\n").filter { !$0.hasPrefix("tidemark: warning:") }
                #expect(result.status == 1, "\(arguments) \(history): \(result.output)")
                #expect(errors.count == 1 && errors[0].contains(reason), "\(arguments): \(result.output)")
                for secret in ["unreachable-secret", "wrong-staple-secret", "wrong-env-secret", password] {
                    #expect(!result.output.contains(secret), "\(arguments): \(result.output)")
                }
            }
        }
        // The right password from the environment logs in.
        let good = Self.tidemark(
            ["history", "list", "--history", user], in: folder.path, environment: ["PGPASSWORD": password])
        #expect(good.status == 0, "\(good.output)")
    }

    @Test(
        "A password written into the URL anyway never reaches the console, the site or status; a warning says where it belongs"
    )
    func passwordNeverShown() throws {
        let database = try TestDatabase()
        let folder = try TemporaryFolder()
        // The test server trusts its users: a password in the URL is accepted and ignored.
        let history = database.url.replacingOccurrences(of: "postgres@", with: "postgres:tr0ub4dor-secret@")
        var everything = ""
        for arguments in [
            [
                "generate", "--input", "python=\(Self.examples)/reports/coverage.xml", "--output", "site", "--commit",
                "c1", "--branch", "main",
            ],
            ["status"], ["status", "--json"], ["history", "list"], ["history", "projects"],
            ["render", "--all-projects", "--output", "all"],
            ["record", "--input", "python=\(folder.path)/missing.xml"],
        ] {
            let result = Self.tidemark(arguments + ["--history", history, "--project", "shop"], in: folder.path)
            everything += result.output
        }
        #expect(!everything.isEmpty && !everything.contains("tr0ub4dor"))
        #expect(everything.contains("postgres:***@"))
        #expect(everything.contains("warning: the history URL holds a password"))
        for site in ["site", "all"] {
            for (path, bytes) in try Self.files(of: "\(folder.path)/\(site)") {
                let text = String(decoding: path.hasSuffix(".gz") ? Data() : bytes, as: UTF8.self)
                #expect(!text.contains("tr0ub4dor") && !text.contains("127.0.0.1"), "\(site)/\(path)")
            }
        }
    }
}
