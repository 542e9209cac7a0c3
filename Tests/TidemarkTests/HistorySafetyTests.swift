import CoverageModel
import Foundation
import TestSupport
import Testing

@_spi(Fuzzing) @testable import HistoryStore

/// The history file as another program's database, in a read-only folder, or not there at all:
/// the built binary on real files; nothing that is not Tidemark's is ever changed.
@Suite(.serialized)
struct HistorySafetyTests {
    static let python = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python")

    /// The file's SHA-256, as hex.
    static func digest(_ path: String) throws -> String {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return RunIdentity.sha256(String(decoding: bytes.base64EncodedData(), as: UTF8.self))
    }

    /// Every command that takes `--history`, pointed at `history`.
    static func commands(history: String, folder: TemporaryFolder) throws -> [[String]] {
        let input = "python=\(python.path)/reports/coverage.xml"
        let export = try folder.write("runs.jsonl", "")
        return [
            ["record", "--history", history, "--commit", "a", "--input", input],
            ["generate", "--history", history, "--commit", "a", "--input", input, "--output", folder.path + "/site"],
            ["render", "--history", history, "--output", folder.path + "/site"],
            ["status", "--history", history],
            ["history", "list", "--history", history],
            ["history", "export", "--history", history],
            ["history", "import", "--history", history, export],
            ["history", "prune", "--history", history, "--keep", "1"],
        ]
    }

    @Test(
        "Another program's SQLite database given as --history is refused by every command, its bytes unchanged",
        arguments: ["DELETE", "WAL"])
    func foreignDatabaseUntouched(journalMode: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/recipes.db"
        do {
            let database = try SQLiteDatabase(path: path, access: .readWrite(create: true), busyTimeout: 5)
            try database.execute("PRAGMA journal_mode = \(journalMode)")
            try database.execute("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup'), ('bread')")
        }
        let before = try Self.digest(path)
        for command in try Self.commands(history: path, folder: folder) {
            let result = try CommandRunner.tidemark(command)
            #expect(result.status == 1, "\(command[0]): \(result.stdout) \(result.stderr)")
            #expect(
                result.stderr.contains("\(path): an SQLite database of another program (tables: recipes)"), "\(command)"
            )
            #expect(try Self.digest(path) == before, "\(command) changed the file")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/site"))
    }

    @Test(
        "A history in a read-only folder: status, history list and export, and render read it; nothing is written beside it"
    )
    func readOnlyHistoryFolder() throws {
        try #require(CommandRunner.canDropPrivileges, "needs setpriv to run without root's permissions")
        let folder = try TemporaryFolder()
        let historyFolder = folder.url.appendingPathComponent("ro")
        let history = historyFolder.path + "/h.sqlite"
        for run in ["01", "02"] {
            let result = try CommandRunner.tidemark([
                "record", "--history", history, "--commit", "r\(run)",
                "--input", "python=\(Self.python.path)/history/coverage-run\(run).xml",
            ])
            try #require(result.status == 0, "\(result.stderr)")
        }
        // Without the lock file a render cannot create one there, and must not need to.
        try FileManager.default.removeItem(atPath: history + ".lock")
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: history)
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: historyFolder.path)
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        defer { try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: historyFolder.path) }
        let contents = try manager.contentsOfDirectory(atPath: historyFolder.path)
        let before = try Self.digest(history)

        let status = try CommandRunner.tidemarkWithoutPrivileges(["status", "--history", history])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("commit r02"))
        let list = try CommandRunner.tidemarkWithoutPrivileges(["history", "list", "--history", history])
        #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 2, "\(list.stdout) \(list.stderr)")
        let export = try CommandRunner.tidemarkWithoutPrivileges(["history", "export", "--history", history])
        #expect(export.status == 0 && export.stdout.split(separator: "\n").count == 2, "\(export.stderr)")
        let site = folder.path + "/site"
        let render = try CommandRunner.tidemarkWithoutPrivileges(["render", "--history", history, "--output", site])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(manager.fileExists(atPath: site + "/index.html"))

        // Writing commands say why they cannot.
        let record = try CommandRunner.tidemarkWithoutPrivileges([
            "record", "--history", history, "--commit", "r03",
            "--input", "python=\(Self.python.path)/history/coverage-run03.xml",
        ])
        #expect(record.status == 1)
        #expect(record.stderr.contains("read-only"), "\(record.stderr)")
        #expect(try manager.contentsOfDirectory(atPath: historyFolder.path) == contents)
        #expect(try Self.digest(history) == before)
    }

    @Test("status, history list and export on a history that does not exist create neither it nor its folder")
    func missingHistoryNotCreated() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/not/yet/h.sqlite"
        for command in [["status"], ["history", "list"], ["history", "export"]] {
            let result = try CommandRunner.tidemark(command + ["--history", history])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/not"), "\(command) created the folder")
        }
        let status = try CommandRunner.tidemark(["status", "--history", history])
        #expect(status.stdout.contains("No runs recorded yet"))
    }

    @Test(
        "A crafted per-line archive in the history (huge counts, a 16 GiB size) cannot crash render: the run is drawn without it"
    )
    func craftedArchive() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/h.sqlite"
        let record = try CommandRunner.tidemark([
            "record", "--history", history, "--commit", "a",
            "--input", "python=\(Self.python.path)/reports/coverage.xml",
        ])
        try #require(record.status == 0, "\(record.stderr)")
        var huge = ByteWriter()
        huge.bytes(Array("TMR2".utf8))
        huge.string("coverage.py")
        for _ in 0..<4 { huge.varint(0) }
        huge.varint(1)
        huge.string("tidelib/tides.py")
        huge.varint(0)
        huge.varint(UInt64.max)
        var sixteenGiB = ReportArchive.compress(Array(repeating: 0, count: 4096))
        var size = (UInt64(16) << 30).littleEndian
        sixteenGiB.replaceSubrange(0..<8, with: Data(bytes: &size, count: 8))
        for blob in [ReportArchive.compress(huge.buffer), sixteenGiB] {
            do {
                let database = try SQLiteDatabase(path: history, access: .readWrite(create: false), busyTimeout: 5)
                try database.prepare("UPDATE line_data SET report = ?").run([.blob(blob)])
            }
            let site = folder.path + "/site"
            let render = try CommandRunner.tidemark(["render", "--history", history, "--output", site])
            #expect(render.status == 0, "\(render.stderr)")
            #expect(FileManager.default.fileExists(atPath: site + "/index.html"))
        }
    }

    /// Ways to spoil the third run of an export, each of which `history import` must refuse whole.
    /// Ways to spoil the third run of an export, each with the cause the refusal must name.
    static let spoilers: [(name: String, cause: String, spoil: @Sendable (String) -> String)] = [
        (
            "negative counts", "is not a count from 0",
            { $0.replacingOccurrences(of: "\"branchesCovered\":", with: "\"branchesCovered\":-") }
        ),
        (
            "totals that are not the sum of the files", "differ from the sum of its files",
            {
                // The component's own total (the one before its name) gains a leading 1; its files keep theirs.
                $0.replacing(/"linesValid":(\d+),"name"/) { "\"linesValid\":1\($0.1),\"name\"" }
            }
        ),
        (
            "a year shifted by 2000", "is outside 1970",
            { $0.replacingOccurrences(of: "\"time\":\"2026-", with: "\"time\":\"0026-") }
        ),
    ]

    @Test(
        "history import refuses negative counts, totals that differ from their files and shifted years, naming line 3",
        arguments: spoilers.map(\.name))
    func importRefusesSpoiledRun(spoiler: String) throws {
        let folder = try TemporaryFolder()
        let source = folder.path + "/a.sqlite"
        for run in ["01", "02", "03"] {
            let result = try CommandRunner.tidemark([
                "record", "--history", source, "--commit", "r\(run)", "--time", "2026-11-0\(run.suffix(1))T09:00:00Z",
                "--input", "python=\(Self.python.path)/history/coverage-run\(run).xml",
            ])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let export = try CommandRunner.tidemark(["history", "export", "--history", source])
        var lines = export.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        let spoiler = try #require(Self.spoilers.first { $0.name == spoiler })
        let spoiled = spoiler.spoil(lines[2])
        try #require(spoiled != lines[2])
        lines[2] = spoiled
        let file = try folder.write("runs.jsonl", lines.joined(separator: "\n") + "\n")
        let target = folder.path + "/b.sqlite"
        let imported = try CommandRunner.tidemark(["history", "import", "--history", target, file])
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("\(file):3:"), "\(imported.stderr)")
        #expect(imported.stderr.contains(spoiler.cause), "\(imported.stderr)")
        #expect(imported.stderr.contains("nothing was imported"), "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test(
        "history import of a file whose third run claims more covered lines than valid ones imports nothing and names line 3"
    )
    func importRefusesImpossibleRun() throws {
        let folder = try TemporaryFolder()
        let source = folder.path + "/a.sqlite"
        for run in ["01", "02", "03"] {
            let result = try CommandRunner.tidemark([
                "record", "--history", source, "--commit", "r\(run)",
                "--input", "python=\(Self.python.path)/history/coverage-run\(run).xml",
            ])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let export = try CommandRunner.tidemark(["history", "export", "--history", source])
        var lines = export.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        let valid = try #require(lines[2].firstMatch(of: /"linesValid":(\d+)/))
        lines[2] = lines[2].replacingOccurrences(of: "\"linesCovered\":", with: "\"linesCovered\":1\(valid.1)")
        let file = try folder.write("runs.jsonl", lines.joined(separator: "\n") + "\n")
        let target = folder.path + "/b.sqlite"
        let imported = try CommandRunner.tidemark(["history", "import", "--history", target, file])
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("\(file):3: component 'python'"), "\(imported.stderr)")
        #expect(imported.stderr.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
