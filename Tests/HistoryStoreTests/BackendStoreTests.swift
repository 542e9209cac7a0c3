import CoverageAnalysis
import CoverageModel
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import HistoryStore

/// What a history guarantees, on SQLite and on PostgreSQL alike.
struct BackendStoreTests {
    static func run(_ index: Int, time: TimeInterval? = nil) throws -> Run {
        try HistoryStoreTests.run(
            commit: "c\(index)", hash: "h\(index)", time: time ?? 1_700_000_000 + Double(index) * 3600)
    }

    /// The real alert rules, with a 99 % line target so the fixture runs raise alerts.
    static let rules: AlertEvaluator = { history, state in
        AlertRules.evaluate(
            history: history, thresholds: [:], defaults: Thresholds(lineTarget: 0.99, lineWarning: 0.5), state: state)
    }

    @Test(
        "record → export → import into an empty history → export is byte-identical; importing twice adds nothing",
        arguments: Backend.available)
    func exportImportRoundTrip(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        for index in 0..<3 { _ = try store.record(try Self.run(index)) }
        let exported = HistoryExchange.export(try store.runs(includingFiles: true))
        #expect(exported.split(separator: "\n").count == 3)
        let other = try history.store("other")
        #expect(try other.importRuns(HistoryExchange.parse(exported, path: "export.jsonl")) == 3)
        #expect(HistoryExchange.export(try other.runs(includingFiles: true)) == exported)
        #expect(try other.importRuns(HistoryExchange.parse(exported, path: "export.jsonl")) == 0)
        #expect(try store.runs().map(\.id) == other.runs().map(\.id))
    }

    @Test(
        "The latest run comes back with every line, branch and test result; only two runs keep per-line data",
        arguments: Backend.available)
    func lineData(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        var runs: [Run] = []
        for index in 0..<4 {
            runs.append(try Self.run(index))
            _ = try store.record(runs[index])
        }
        let loaded = try #require(try store.latestRun())
        #expect(loaded.components == runs[3].components)
        let summaries = try store.runs()
        #expect(try store.run(summaries[0]).components.allSatisfy { $0.report == nil })
        #expect(try store.run(summaries[2]).components.first { $0.name == "python" }?.report != nil)
        let newest = try store.snapshot { try store.snapshotReader()().latestRuns(2) }
        #expect(newest.map(\.summary) == summaries.suffix(2).reversed())
        // What a site reads: the latest run whole, the one before as its files' paths and lines.
        let site = try #require(try store.snapshot { try store.snapshotReader()().newestRuns() })
        #expect(site.ids == newest.map(\.summary.id))
        #expect(site.latest.run == newest[0].run && site.latest.summary == newest[0].summary)
        let previous = try #require(site.previous)
        #expect(previous.summary == newest[1].summary)
        for component in newest[1].run.components {
            guard let files = component.report?.files else { continue }
            let read = try #require(previous.run.components[component.name])
            #expect(read.displayPaths == files.map(\.displayPath))
            for (index, file) in files.enumerated() {
                var lines: [LineCoverage] = []
                read.forEachLine(ofFile: index) { lines.append($0) }
                #expect(lines == file.lines)
            }
        }
        #expect(previous.run.components.count == newest[1].run.components.count { $0.report != nil })
    }

    @Test(
        "Same inputs and commit twice: one run; a backfill is recorded, marked and raises nothing",
        arguments: Backend.available)
    func dedupeAndBackfill(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        guard case .recorded(let id) = try store.record(try Self.run(1)) else {
            Issue.record("not recorded")
            return
        }
        #expect(try store.record(try Self.run(1, time: 1_700_100_000)) == .duplicate(ofRunID: id))
        let backfill = try store.record(try Self.run(0, time: 1_600_000_000), evaluate: Self.rules)
        #expect(backfill.newerRunTime != nil && backfill.alerts.isEmpty)
        #expect(try store.runs().map(\.isBackfill) == [true, false])
    }

    @Test(
        "Alerts are stored with their run, each once, and the state carries to the next run",
        arguments: Backend.available)
    func alerts(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        var raised: [Alert] = []
        for index in 0..<3 { raised += try store.record(try Self.run(index), evaluate: Self.rules).alerts }
        #expect(!raised.isEmpty)
        #expect(Set(try store.alertEvents().map(\.message)) == Set(raised.map(\.message)))
        #expect(try store.alertEvents().count == raised.count)
        #expect(try !store.loadAlertState().isEmpty)
    }

    @Test(
        "The newest runs' files come back as stored, read a query per run or all in one: files come and go, ids out of path order",
        arguments: Backend.available)
    func latestFiles(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        // a.py gets its id after b.py and d.py but sorts first; d.py goes; rust comes in run 2.
        let layouts: [[String: [String]]] = [
            ["python": ["b.py", "d.py"]],
            ["python": ["a.py", "b.py", "d.py"]],
            ["python": ["a.py", "b.py", "c.py"], "rust": ["src/lib.rs"]],
            ["python": ["a.py", "b.py", "c.py"], "rust": ["src/lib.rs", "src/a.rs"]],
            ["python": ["a.py", "b.py", "c.py"], "rust": ["src/lib.rs", "src/a.rs"]],
        ]
        let stored = Self.summaries(layouts)
        #expect(try store.importRuns(stored) == stored.count)
        #expect(Self.filesOf(try store.runs(includingFiles: true)) == Self.filesOf(stored))
        for count in 1...stored.count {
            let expected = stored.enumerated().map { run, summary in
                summary.components.map { run >= stored.count - count ? $0.files : [] }
            }
            #expect(Self.filesOf(try store.runs(filesForLatest: count)) == expected, "the latest \(count)")
        }
    }

    @Test(
        "Thousands of new paths, shared by two components, in full and partial insert chunks: every file comes back",
        arguments: Backend.available)
    func manyNewPaths(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        // Run 0 adds 1 234 paths (two full chunks and a partial one); run 1 keeps them, adds 600 more
        // and a component whose 700 paths are python's first 700.
        let path = { (index: Int) in "pkg\(index / 100)/m\(index).py" }
        let layouts: [[String: [String]]] = [
            ["python": (0..<1_234).map(path)],
            ["python": (0..<1_834).map(path), "shared": (0..<700).map(path)],
        ]
        let stored = Self.summaries(layouts)
        #expect(try store.importRuns(stored) == stored.count)
        #expect(Self.filesOf(try store.runs(includingFiles: true)) == Self.filesOf(stored))
        #expect(Self.filesOf(try store.runs(filesForLatest: 2)) == Self.filesOf(stored))
    }

    @Test(
        "The newest runs' files come from one value per component; without one, or damaged, from the rows",
        arguments: Backend.available)
    func fileCountsValues(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        let stored = Self.summaries([
            ["python": ["b.py", "a.py", "c/d.py"], "rust": ["src/lib.rs"]],
            ["python": ["a.py", "c/d.py", "e.py"], "rust": []],
            ["python": ["a.py", "e.py"]],
        ])
        #expect(try store.importRuns(stored) == stored.count)
        let values = { () throws -> Int64? in try store.database.prepare("SELECT count(*) FROM file_counts").integer() }
        #expect(try values() == 5, "one value per run's component, with files or without")
        #expect(Self.filesOf(try store.runs(filesForLatest: 3)) == Self.filesOf(stored))
        // The values are what is read: the newest run's value, rewritten with other counts, shows them.
        var ids: [Int64] = []
        try store.database.prepare("SELECT id FROM runs ORDER BY time").query([]) { ids.append(Int64($0.int(0))) }
        var pathIDs: [Int64] = []
        try store.database.prepare("SELECT path_id FROM files WHERE run_id = ? ORDER BY path_id").query([
            .integer(ids[2])
        ]) { pathIDs.append(Int64($0.int(0))) }
        let other = Counts(linesValid: 7, linesCovered: 3, branchesValid: 4, branchesCovered: 1)
        try store.database.prepare("UPDATE file_counts SET counts = ? WHERE run_id = ?").run([
            .blob(FileCounts.encode(pathIDs.map { ($0, other) })), .integer(ids[2]),
        ])
        #expect(try store.runs(filesForLatest: 1).last?.components.first?.files.map(\.counts) == [other, other])
        // As runs recorded before the values existed: none for the first run, a damaged one for the
        // second, and the third's restored from a value cut short: each is read from its rows.
        try store.database.prepare("DELETE FROM file_counts WHERE run_id = ?").run([.integer(ids[0])])
        try store.database.prepare("UPDATE file_counts SET counts = ? WHERE run_id = ?").run([
            .blob(Data([FileCounts.format, 200])), .integer(ids[1]),
        ])
        let cut = FileCounts.encode(pathIDs.map { ($0, other) }).dropLast()
        try store.database.prepare("UPDATE file_counts SET counts = ? WHERE run_id = ?").run([
            .blob(Data(cut)), .integer(ids[2]),
        ])
        #expect(Self.filesOf(try store.runs(filesForLatest: 3)) == Self.filesOf(stored))
        #expect(try store.prune(keep: 1, olderThan: nil) == 2)
        #expect(try values() == 1, "a pruned run's values go with it")
    }

    @Test(
        "A history without the per-component values is read unmigrated; the next record migrates it",
        arguments: Backend.available)
    func readBeforeFileCounts(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let stored = Self.summaries([["python": ["a.py", "b.py"]], ["python": ["a.py", "c.py"]]])
        do {
            let store = try history.store()
            #expect(try store.importRuns(stored) == 2)
            // As a history last written by the version before the values.
            try store.database.execute("DROP TABLE file_counts")
            try store.database.prepare("DELETE FROM tidemark_migrations WHERE name = ?").run([
                .text(Schema.fileCounts.name)
            ])
        }
        let reader = try history.store(access: .readOnly)
        #expect(Self.filesOf(try reader.runs(filesForLatest: 2)) == Self.filesOf(stored))
        let applied = { (store: HistoryStore) throws -> Int64? in
            try store.database.prepare("SELECT count(*) FROM tidemark_migrations WHERE name = ?").integer([
                .text(Schema.fileCounts.name)
            ])
        }
        #expect(try applied(reader) == 0, "reading changes nothing")
        let writer = try history.store()
        #expect(try applied(writer) == 1)
        _ = try writer.record(try Self.run(5))
        // One value per component of the new run (python, rust and a failed go); the older runs have none.
        #expect(try writer.database.prepare("SELECT count(*) FROM file_counts").integer() == 3)
        #expect(try writer.runs(filesForLatest: 3).count == 3)
    }

    /// A run per layout (component name → its files' paths), a minute apart, each file with its own
    /// counts, in path order as a history gives them back.
    static func summaries(_ layouts: [[String: [String]]]) -> [RunSummary] {
        layouts.enumerated().map { run, layout in
            RunSummary(
                id: "run-\(run)", time: Date(timeIntervalSince1970: 1_700_000_000 + Double(run) * 60),
                source: RunSource(),
                components: layout.keys.sorted().map { name in
                    let files = (layout[name] ?? []).sorted().enumerated().map { index, path in
                        FileSummary(
                            path: path,
                            counts: Counts(
                                linesValid: 20, linesCovered: (index + run + path.count) % 21, branchesValid: 0,
                                branchesCovered: 0))
                    }
                    return ComponentSummary(
                        name: name, producer: .coveragePy, status: .measured, counts: files.map(\.counts).total(),
                        tests: nil, contentHash: "h\(run)\(name)", files: files)
                })
        }
    }

    /// Each run's components' files.
    static func filesOf(_ runs: [RunSummary]) -> [[[FileSummary]]] { runs.map { $0.components.map(\.files) } }

    @Test(
        "The alert rules get the new run's files as a read of the history gives them, for a new run and a backfill",
        arguments: Backend.available)
    func evaluatedHistory(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        let seen = Mutex<[RunSummary]>([])
        let capture: AlertEvaluator = { runs, state in
            seen.withLock { $0 = runs }
            return Self.rules(runs, state)
        }
        for (index, hours) in [(0, 1.0), (1, 2), (2, 3), (3, 0)] {
            // Run 3 is recorded last but dated first: a backfill, not one of the latest two. Run 1
            // lacks python's first file, which comes back in run 2: the run before run 2 has a file
            // that run 2 lacks, and run 2 one that run 1 lacked.
            var run = try Self.run(index, time: 1_700_000_000 + hours * 3600)
            if index == 1 { run.components[0].report?.files.removeFirst() }
            if index == 2 { run.components[0].report?.files.removeLast() }
            _ = try store.record(run, evaluate: capture)
            let given = seen.withLock { $0 }
            #expect(given == (try store.runs(filesForLatest: 2)), "run \(index)")
            #expect(given.last?.components.contains { !$0.files.isEmpty } == true)
        }
    }

    @Test(
        "A run time no Tidemark writes (2⁶³ − 1 s) is a damaged history, named, not a trap, wherever it is read",
        arguments: Backend.available)
    func timeOutOfRange(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        _ = try store.record(try Self.run(0), evaluate: Self.rules)
        #expect(try !store.alertEvents().isEmpty)
        func damaged(_ error: any Error) -> Bool {
            guard case .corrupt(let path, let message) = error as? HistoryError else { return false }
            return path == store.path && message.contains("9223372036854775807")
        }
        try store.database.execute("UPDATE runs SET time = 9223372036854775807")
        #expect(performing: { _ = try store.runs() }, throws: damaged)
        #expect(performing: { _ = try store.alertEvents() }, throws: damaged)
        #expect(performing: { _ = try store.projects() }, throws: damaged)
    }

    @Test("Projects are apart: same run in two projects, each reads and prunes its own", arguments: Backend.available)
    func projectsApart(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let shop = try history.store("shop")
        let blog = try history.store("blog")
        for index in 0..<3 { _ = try shop.record(try Self.run(index), evaluate: Self.rules) }
        _ = try blog.record(try Self.run(0), evaluate: Self.rules)
        #expect(try shop.runs().count == 3 && blog.runs().count == 1)
        #expect(try blog.runs()[0].id == shop.runs()[0].id)
        #expect(try shop.prune(keep: 1, olderThan: nil) == 2)
        #expect(try blog.runs(includingFiles: true)[0].components.first { $0.name == "python" }?.files.isEmpty == false)
        #expect(try blog.latestRun()?.components.first { $0.name == "python" }?.report != nil)
        #expect(try history.store("shop").projects().map(\.name) == ["blog", "shop"])
        #expect(try history.store("none", access: .readOnly).runs().isEmpty)
    }

    @Test(
        "A history written by a newer Tidemark is refused, reading and writing, before anything changes",
        arguments: Backend.available)
    func newerSchemaRefused(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        try history.store().database.execute("INSERT INTO tidemark_migrations (name) VALUES ('2099-01-01-hologram')")
        for access in [HistoryStore.Access.readWrite, .readOnly] {
            #expect(
                throws: HistoryError.newerSchema(
                    path: history.location.display, unknownMigrations: ["2099-01-01-hologram"])
            ) {
                try history.store(access: access)
            }
        }
    }

    @Test("Reading a history that does not exist yet creates nothing and reads as empty", arguments: Backend.available)
    func emptyReadCreatesNothing(backend: Backend) throws {
        let history = try backend.history()
        defer { withExtendedLifetime(history) {} }
        let store = try history.store(access: .readOnly)
        #expect(try store.runs().isEmpty && store.alertEvents().isEmpty && store.projects().isEmpty)
        switch history.location {
        case .sqlite(let path): #expect(!FileManager.default.fileExists(atPath: path))
        case .postgres(let url):
            #expect(
                try PostgresServer.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'tidemark'", at: url)
                    .hasPrefix("0"))
        }
    }
}
