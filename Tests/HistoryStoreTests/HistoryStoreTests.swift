import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

@testable import HistoryStore

/// The history on real SQLite files: round trips, dedupe, schema evolution, refusals.
struct HistoryStoreTests {
    /// A run of real fixture reports; `commit` and `hash` vary the run's identity.
    static func run(commit: String? = "c1", hash: String = "h1", time: TimeInterval = 1_700_000_000) throws -> Run {
        let python = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-missing-branches.xml"))
        let rust = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("tarpaulin-windows-paths.xml"))
        let tests = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
        return Run(
            time: Date(timeIntervalSince1970: time),
            source: RunSource(commit: commit, branch: "main", buildURL: "https://ci/1"),
            components: [
                ComponentRun(name: "python", report: python, tests: tests, contentHash: "py-\(hash)"),
                ComponentRun(name: "rust", report: rust, contentHash: "rs-\(hash)"),
                ComponentRun(
                    name: "go", status: .failed(reason: "x.xml: the report measured nothing"), report: nil,
                    contentHash: "go"),
            ])
    }

    @Test("record → export → import into an empty store → export is byte-identical; importing twice adds nothing")
    func exportImportRoundTrip() throws {
        let folder = try TemporaryFolder()
        let first = try HistoryStore(path: folder.path + "/a.sqlite")
        for index in 0..<3 {
            _ = try first.record(
                try Self.run(commit: "c\(index)", hash: "h\(index)", time: 1_700_000_000 + Double(index) * 3600))
        }
        let exported = HistoryExchange.export(try first.runs(includingFiles: true))
        #expect(exported.split(separator: "\n").count == 3)
        let second = try HistoryStore(path: folder.path + "/b.sqlite")
        #expect(try second.importRuns(HistoryExchange.parse(exported, path: "export.jsonl")) == 3)
        #expect(HistoryExchange.export(try second.runs(includingFiles: true)) == exported)
        #expect(try second.importRuns(HistoryExchange.parse(exported, path: "export.jsonl")) == 0)
        #expect(HistoryExchange.export(try second.runs(includingFiles: true)) == exported)
    }

    @Test("Recording the same inputs twice (same commit) gives one run; another commit gives a new one")
    func dedupe() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        guard case .recorded(let id) = try store.record(try Self.run()) else {
            Issue.record("not recorded")
            return
        }
        #expect(try store.record(try Self.run(time: 1_700_000_600)) == .duplicate(ofRunID: id))
        #expect(try store.runs().count == 1)
        #expect(try store.record(try Self.run(commit: "c2", time: 1_700_000_600)) != .duplicate(ofRunID: id))
        #expect(try store.runs().count == 2)
    }

    @Test("The latest run comes back with every line, missing branch, warning and test result")
    func latestRunRebuildsReports() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        let original = try Self.run()
        _ = try store.record(original)
        let loaded = try #require(try store.latestRun())
        #expect(loaded.time == original.time)
        #expect(loaded.source == original.source)
        #expect(loaded.components == original.components)
    }

    @Test("The newest runs read alone (on a second connection) equal the same runs read with the whole history")
    func latestRunsAlone() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        // Recorded out of time order: the newest by time is recorded first.
        for (index, time) in [3.0, 1, 2].enumerated() {
            _ = try store.record(try Self.run(commit: "c\(index)", hash: "h\(index)", time: 1_700_000_000 + time * 60))
        }
        let all = try store.runs()
        let newest = try HistoryStore(path: folder.path + "/h.sqlite").latestRuns(2)
        #expect(newest.map(\.summary) == all.suffix(2).reversed())
        #expect(newest.map(\.run) == (try all.suffix(2).reversed().map { try store.run($0) }))
        #expect(newest[0].run.source.commit == "c0")
        #expect(try HistoryStore(path: folder.path + "/empty.sqlite").latestRuns(2).isEmpty)
    }

    @Test("Per-line data is kept for the two latest runs of each component only")
    func lineDataRetention() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        for index in 0..<4 {
            _ = try store.record(
                try Self.run(commit: "c\(index)", hash: "h\(index)", time: 1_700_000_000 + Double(index)))
        }
        let runs = try store.runs()
        #expect(try store.run(runs[0]).components.allSatisfy { $0.report == nil })
        #expect(try store.run(runs[2]).components.first { $0.name == "python" }?.report != nil)
        #expect(try store.run(runs[3]).components.first { $0.name == "python" }?.report != nil)
    }

    @Test("A history written by a newer Tidemark is refused with a clear message and left as it was")
    func newerSchemaRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/h.sqlite"
        do {
            let store = try HistoryStore(path: path)
            try store.database.execute("INSERT INTO tidemark_migrations (name) VALUES ('2099-01-01-hologram')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: HistoryError.newerSchema(path: path, unknownMigrations: ["2099-01-01-hologram"])) {
            try HistoryStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(HistoryError.newerSchema(path: path, unknownMigrations: ["x"]).description.contains("newer Tidemark"))
    }

    @Test("An older history is migrated after a backup copy is written beside it")
    func olderSchemaMigratedWithBackup() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/h.sqlite"
        do {
            let database = try SQLiteDatabase(path: path, access: .readWrite(create: true), busyTimeout: 5)
            try database.execute(Schema.migrationsTable(.sqlite))
            try database.execute(Schema.migrations[0].sql(.sqlite))
            try database.execute("INSERT INTO tidemark_migrations (name) VALUES ('\(Schema.migrations[0].name)')")
            try database.execute("INSERT INTO runs (identity, time) VALUES ('old-run', 1600000000)")
        }
        let store = try HistoryStore(path: path)
        #expect(try store.runs().map(\.id) == ["old-run"])
        let backup = "\(path).backup-before-\(Schema.migrations[1].name)"
        #expect(FileManager.default.fileExists(atPath: backup))
        let old = try SQLiteDatabase(path: backup, access: .readWrite(create: false), busyTimeout: 5)
        var tables: [String] = []
        try old.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").query {
            tables.append($0.text(0))
        }
        #expect(!tables.contains("line_data"))
        _ = try store.record(try Self.run())
        #expect(try store.runs().count == 2)
    }

    @Test(
        "A file that is not SQLite, or is damaged, gets a clear error and is never overwritten",
        arguments: [
            Data("this is my shopping list, not a database\n".utf8),
            Data("SQLite format 3\0".utf8) + Data(repeating: 0xAB, count: 8192),
        ])
    func refusesForeignOrCorruptFiles(_ content: Data) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/h.sqlite"
        try content.write(to: URL(fileURLWithPath: path))
        #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("Another program's SQLite database is not written into")
    func refusesOtherDatabases() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/other.sqlite"
        do {
            let database = try SQLiteDatabase(path: path, access: .readWrite(create: true), busyTimeout: 5)
            try database.execute("CREATE TABLE recipes (name TEXT)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for access in [HistoryStore.Access.readWrite, .readOnly] {
            #expect(throws: HistoryError.foreignDatabase(path: path, tables: ["recipes"])) {
                try HistoryStore(path: path, access: access)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("Prune keeps the newest N runs, or drops runs older than a cutoff")
    func prune() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        for index in 0..<5 {
            _ = try store.record(
                try Self.run(commit: "c\(index)", hash: "h\(index)", time: 1_700_000_000 + Double(index) * 86_400))
        }
        #expect(try store.prune(keep: 4, olderThan: nil) == 1)
        #expect(try store.prune(keep: nil, olderThan: Date(timeIntervalSince1970: 1_700_000_000 + 2.5 * 86_400)) == 2)
        #expect(try store.runs().map(\.source.commit) == ["c3", "c4"])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(
        "Recording and importing leave SQLite's foreign keys whole and on again, also after a failed append; pruning still cascades"
    )
    func appendLeavesReferencesChecked() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        let database = store.database
        let enforced = { () throws -> Int64? in try database.prepare("PRAGMA foreign_keys").integer() }
        let dangling = { () throws -> Int in
            var rows = 0
            try database.prepare("PRAGMA foreign_key_check").query([]) { _ in rows += 1 }
            return rows
        }
        for index in 0..<3 {
            _ = try store.record(
                try Self.run(commit: "c\(index)", hash: "h\(index)", time: 1_700_000_000 + Double(index) * 86_400))
            #expect(try enforced() == 1, "after record \(index)")
        }
        let other = try HistoryStore(sharing: store, project: "other")
        #expect(try other.importRuns(try store.runs(includingFiles: true)) == 3)
        #expect(try enforced() == 1 && dangling() == 0)
        // An append that fails half-way: rolled back, and checking again afterwards.
        #expect(throws: HistoryError.self) {
            try store.writeToProject(.append) { (project) throws(HistoryError) in
                try database.prepare("INSERT INTO files VALUES (999999, 'python', 999999, 1, 1, 0, 0)").run()
                throw .io(path: "h.sqlite", message: "stopped")
            }
        }
        #expect(try enforced() == 1)
        #expect(throws: HistoryError.self) {
            try database.prepare("INSERT INTO files VALUES (999999, 'python', 999999, 1, 1, 0, 0)").run()
        }
        #expect(try store.prune(keep: 1, olderThan: nil) == 2)
        #expect(
            try database.prepare("SELECT count(*) FROM files WHERE run_id NOT IN (SELECT id FROM runs)").integer() == 0)
        #expect(try database.prepare("SELECT count(DISTINCT run_id) FROM files").integer() == 4)
        #expect(try dangling() == 0 && store.integrityCheck() == "ok")
    }

    @Test("Two files whose names differ only in their Unicode normalization are two paths: recorded, read back")
    func namesInTwoNormalizations() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        // Equal to Swift's `==`, two names to the report, the file system and the database.
        let names = ["caf\u{E9}.py", "cafe\u{301}.py"]
        let report = CoverageReport(
            producer: .coveragePy, timestamp: nil, sources: [],
            files: names.enumerated().map { index, name in
                SourceFile(name: name, lines: [LineCoverage(number: 1, hits: Int64(index))])
            })
        let run = Run(
            time: Date(timeIntervalSince1970: 1_700_000_000), source: RunSource(commit: "c"),
            components: [ComponentRun(name: "python", report: report, contentHash: "h")])
        #expect(try store.record(run) != .duplicate(ofRunID: ""))
        let files = try #require(try store.runs(includingFiles: true).first?.components.first?.files)
        #expect(Set(files.map { Array($0.path.utf8) }) == Set(names.map { Array($0.utf8) }))
        #expect(files.map(\.counts.linesCovered).sorted() == [0, 1])
        #expect(try store.latestRun()?.components.first?.report?.files.count == 2)
    }

    @Test("An import line that is not a run names the file and line")
    func badImport() {
        #expect(
            throws: HistoryError.invalidImport(path: "x.jsonl", line: 2, message: "time 'yesterday' is not ISO 8601")
        ) {
            try HistoryExchange.parse(
                "\n{\"id\":\"a\",\"time\":\"yesterday\",\"commit\":null,\"branch\":null,\"buildURL\":null,"
                    + "\"components\":[]}\n",
                path: "x.jsonl")
        }
    }

    @Test(
        "Failed measurements keep no line data, so the last measured runs of a component stay drawable after any number of them"
    )
    func lastMeasuredRunKept() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        for index in 0..<2 {
            _ = try store.record(
                try Self.run(commit: "good\(index)", hash: "g\(index)", time: 1_700_000_000 + Double(index)))
        }
        for index in 0..<3 {
            var failed = try Self.run(commit: "bad\(index)", hash: "b\(index)", time: 1_700_001_000 + Double(index))
            failed.components = failed.components.map { component in
                ComponentRun(
                    name: component.name, status: .failed(reason: "blocked"), report: nil,
                    contentHash: component.contentHash)
            }
            _ = try store.record(failed)
        }
        let measured = try store.measuredRuns(of: "python", count: 2)
        #expect(measured.map(\.summary.source.commit) == ["good1", "good0"])
        #expect(measured.first?.run.components.first { $0.name == "python" }?.report?.files.isEmpty == false)
        #expect(try store.measuredRuns(of: "go", count: 2).isEmpty)
    }

    @Test("Line data is kept for the two newest measured runs by time, whatever order the runs were recorded in")
    func lineDataOfNewestKept() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        // Recorded out of time order: 30 and 40 are the newest, though 20 and 10 came after them.
        for (index, offset) in [30, 40, 20, 10, 35].enumerated() {
            _ = try store.record(
                try Self.run(commit: "c\(offset)", hash: "h\(index)", time: 1_700_000_000 + Double(offset)))
        }
        let measured = try store.measuredRuns(of: "python", count: 10)
        #expect(measured.map(\.summary.source.commit) == ["c40", "c35"])
        #expect(measured.allSatisfy { $0.run.components.first?.report?.files.isEmpty == false })
    }

    @Test("A run recorded after a newer one is a backfill: flagged when read, and the store says which run is newer")
    func backfillFlag() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        let newer = try store.record(try Self.run(commit: "new", hash: "n", time: 1_700_000_500), evaluate: nil)
        #expect(newer.newerRunTime == nil)
        let older = try store.record(try Self.run(commit: "old", hash: "o", time: 1_700_000_000), evaluate: nil)
        #expect(older.newerRunTime == Date(timeIntervalSince1970: 1_700_000_500))
        #expect(try store.runs().map(\.isBackfill) == [true, false])
        #expect(try store.latestRuns(2).map(\.summary.isBackfill) == [false, true])
    }
}
