import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import HistoryStore

/// `history copy` between the two databases, both ways; and older SQLite histories taking projects.
struct HistoryCopyTests {
    /// Two projects, one with a backfill, alerts and per-line data.
    static func fill(_ history: TestHistory) throws {
        let shop = try history.store("shop")
        for index in [0, 2, 1, 3] {
            _ = try shop.record(try BackendStoreTests.run(index), evaluate: BackendStoreTests.rules)
        }
        _ = try history.store("blog").record(try BackendStoreTests.run(5), evaluate: BackendStoreTests.rules)
    }

    /// Everything a copy must carry, per project.
    static func contents(_ history: TestHistory) throws -> [String] {
        try history.store().projects().map { project in
            let store = try history.store(project.name)
            let runs = try store.runs(includingFiles: true)
            return [
                project.name, HistoryExchange.export(runs), runs.map { "\($0.isBackfill)" }.joined(),
                try store.alertEvents().map { "\($0.runID) \($0.condition.text) \($0.kind) \($0.message)" }.joined(
                    separator: "\n"),
                try store.loadAlertState().map { "\($0.key.text)=\($0.value.text(for: $0.key.topic))" }.sorted().joined(
                    separator: ","),
            ].joined(separator: "\n--\n")
        }
    }

    @Test(
        "SQLite → PostgreSQL → SQLite keeps runs, ids, recording order, alerts and per-line data; copying again adds nothing",
        .enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
    func bothWays() throws {
        let first = try TestHistory(.sqlite)
        try Self.fill(first)
        let server = try TestHistory(.postgres)
        let last = try TestHistory(.sqlite)
        defer { withExtendedLifetime([first, server, last]) {} }
        let toServer = try server.store().copyProjects(from: try first.store(access: .readOnly))
        #expect(
            toServer == [
                CopiedProject(project: "blog", added: 1, present: 0),
                CopiedProject(project: "shop", added: 4, present: 0),
            ])
        _ = try last.store().copyProjects(from: try server.store(access: .readOnly))
        let expected = try Self.contents(first)
        #expect(try Self.contents(server) == expected)
        #expect(try Self.contents(last) == expected)
        for project in ["shop", "blog"] {
            let reports = try first.store(project).latestRuns(2).map(\.run)
            #expect(try server.store(project).latestRuns(2).map(\.run) == reports)
            #expect(try last.store(project).latestRuns(2).map(\.run) == reports)
        }
        let again = try server.store().copyProjects(from: try last.store(access: .readOnly))
        #expect(again.map(\.added) == [0, 0])
        #expect(try Self.contents(server) == expected)
    }

    @Test("An SQLite history of before projects keeps its runs, alert state and paths in the project that opens it")
    func olderHistoryTakesProject() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/h.sqlite"
        do {
            let database = try SQLiteDatabase(path: path, access: .readWrite(create: true), busyTimeout: 5)
            try database.execute(Schema.migrationsTable(.sqlite))
            for migration in Schema.migrations.prefix(3) {
                try database.execute(migration.sql(.sqlite))
                try database.execute("INSERT INTO tidemark_migrations (name) VALUES ('\(migration.name)')")
            }
            try database.execute(
                """
                INSERT INTO runs (identity, time, commit_sha) VALUES ('old-run', 1600000000, 'abc');
                INSERT INTO components (run_id, name, status, lines_valid, lines_covered, \
                branches_valid, branches_covered,
                    content_hash) VALUES (1, 'python', 'measured', 10, 7, 0, 0, 'h');
                INSERT INTO paths (path) VALUES ('src/app.py');
                INSERT INTO files VALUES (1, 'python', 1, 10, 7, 0, 0);
                INSERT INTO alert_state (condition, value) VALUES ('python line level', 'approaching');
                """)
        }
        let store = try HistoryStore(location: .sqlite(path: path), project: ProjectChoice(name: "shop"))
        #expect(store.project == "shop")
        #expect(try store.projects().map(\.name) == ["shop"])
        let runs = try store.runs(includingFiles: true)
        #expect(runs.map(\.id) == ["old-run"])
        #expect(runs[0].components[0].files.map(\.path) == ["src/app.py"])
        #expect(try store.loadAlertState().count == 1)
        #expect(try store.integrityCheck() == "ok")
        // Opened again from another folder's name: the only project is still the one meant.
        #expect(
            try HistoryStore(location: .sqlite(path: path), project: ProjectChoice(name: "elsewhere")).project == "shop"
        )
        #expect(
            try HistoryStore(location: .sqlite(path: path), project: ProjectChoice(name: "new", isExplicit: true))
                .runs().isEmpty)
    }
}
