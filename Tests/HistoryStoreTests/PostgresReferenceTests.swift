import Foundation
import TestSupport
import Testing

@testable import HistoryStore

/// The statement checks that stand for the foreign keys of `files` and `paths` on PostgreSQL
/// (`Schema+BulkChecks.swift`): everything a foreign key refused is refused, deleting a run still
/// deletes its files, and a path cannot go while an uncommitted file names it.
@Suite(.enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
struct PostgresReferenceTests {
    /// A history with two projects of two runs each; returns it and (run id, path id) of project p.
    private func twoProjects() throws -> (TestHistory, run: Int64, path: Int64, otherPath: Int64) {
        let history = try TestHistory(.postgres)
        for project in ["p", "q"] {
            let store = try history.store(project)
            for index in 0..<2 { _ = try store.record(try BackendStoreTests.run(index)) }
        }
        let ids = try PostgresServer.sql(
            """
            SELECT max(runs.id), min(paths.id) FROM tidemark.runs
                JOIN tidemark.projects ON projects.id = runs.project_id
                JOIN tidemark.paths ON paths.project_id = projects.id WHERE projects.name = 'p';
            SELECT min(paths.id) FROM tidemark.paths JOIN tidemark.projects ON projects.id = paths.project_id
                WHERE projects.name = 'q';
            """, at: history.url
        ).split(whereSeparator: { $0 == "\n" || $0 == "|" }).compactMap { Int64($0) }
        try #require(ids.count == 3)
        return (history, ids[0], ids[1], ids[2])
    }

    private func count(_ query: String, _ history: TestHistory) throws -> Int {
        Int(try PostgresServer.sql(query, at: history.url).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test(
        "A file row naming a missing run, a missing path or another project's path is refused; so is removing a named path or project"
    )
    func refusedLikeForeignKeys() throws {
        let (history, run, path, otherPath) = try twoProjects()
        defer { withExtendedLifetime(history) {} }
        let database = try history.store().database
        let before = try count("SELECT count(*) FROM tidemark.files", history)
        try database.execute(
            "INSERT INTO projects (name) VALUES ('r'); "
                + "INSERT INTO paths (project_id, path) SELECT id, 'a.py' FROM projects WHERE name = 'r'"
        )
        let refused = [
            "INSERT INTO files VALUES (\(run + 1000), 'python', \(path), 1, 1, 0, 0)",
            "INSERT INTO files VALUES (\(run), 'extra', \(path + 100_000), 1, 1, 0, 0)",
            "INSERT INTO files VALUES (\(run), 'extra', \(otherPath), 1, 1, 0, 0)",
            "UPDATE files SET path_id = \(otherPath) WHERE run_id = \(run) AND path_id = \(path)",
            "INSERT INTO paths (project_id, path) VALUES (424242, 'x.py')",
            "DELETE FROM paths WHERE id = \(path)",
            "UPDATE paths SET id = id + 100000 WHERE id = \(path)",
            "UPDATE runs SET project_id = (SELECT id FROM projects WHERE name = 'q') WHERE id = \(run)",
            "DELETE FROM projects WHERE name = 'r'",
            "UPDATE projects SET id = id + 100 WHERE name = 'r'",
        ]
        for statement in refused {
            #expect(throws: HistoryError.self, "\(statement)") { try database.execute(statement) }
        }
        #expect(try count("SELECT count(*) FROM tidemark.files", history) == before)
        // What is right still goes in: a file of the run's own project.
        try database.execute("INSERT INTO files VALUES (\(run), 'extra', \(path), 1, 1, 0, 0)")
        #expect(try count("SELECT count(*) FROM tidemark.files", history) == before + 1)
    }

    @Test("Pruning runs deletes their files and the paths no run names any more, in every project apart")
    func pruneCascades() throws {
        let (history, _, _, _) = try twoProjects()
        defer { withExtendedLifetime(history) {} }
        let perRun = try count("SELECT count(*) FROM tidemark.files GROUP BY run_id LIMIT 1", history)
        #expect(perRun > 0)
        #expect(try history.store("p").prune(keep: 1, olderThan: nil) == 1)
        #expect(try count("SELECT count(*) FROM tidemark.files", history) == 3 * perRun)
        #expect(
            try count("SELECT count(*) FROM tidemark.files WHERE run_id NOT IN (SELECT id FROM tidemark.runs)", history)
                == 0)
        #expect(try history.store("q").runs(includingFiles: true).count == 2)
    }

    @Test("A path cannot be removed while an uncommitted file names it: the removal waits, then is refused")
    func removalWaitsForWriters() throws {
        let (history, run, path, _) = try twoProjects()
        defer { withExtendedLifetime(history) {} }
        let writer = try history.store().database
        // A path no committed file names, as after a prune: removing it alone would be allowed.
        try writer.execute(
            "INSERT INTO paths (project_id, path) SELECT project_id, 'lonely.py' FROM paths WHERE id = \(path)")
        let lonely = try count("SELECT id FROM tidemark.paths WHERE path = 'lonely.py'", history)
        try writer.execute("BEGIN; INSERT INTO files VALUES (\(run), 'late', \(lonely), 1, 1, 0, 0)")
        let remove = "SET lock_timeout = '300ms'; DELETE FROM tidemark.paths WHERE id = \(lonely)"
        #expect(throws: (any Error).self) { try PostgresServer.sql(remove, at: history.url) }
        try writer.execute("COMMIT")
        do {
            _ = try PostgresServer.sql(remove, at: history.url)
            Issue.record("a path named by a committed file was removed")
        } catch {
            #expect("\(error)".contains("still named by files"), "\(error)")
        }
        #expect(try count("SELECT count(*) FROM tidemark.paths WHERE id = \(lonely)", history) == 1)
    }

    @Test(
        "A PostgreSQL history of before the statement checks is migrated: its runs are kept, its foreign keys become triggers"
    )
    func olderHistoryMigrated() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        let older = Schema.migrations.prefix { $0.name != Schema.bulkChecks.name }
        var sql = "CREATE SCHEMA tidemark; SET search_path TO tidemark; " + Schema.migrationsTable(.postgres)
        for migration in older {
            sql +=
                "\n" + migration.sql(.postgres)
                + "\nINSERT INTO tidemark_migrations (name) VALUES ('\(migration.name)');"
        }
        sql += """

            INSERT INTO projects (name) VALUES ('p');
            INSERT INTO runs (project_id, identity, time, commit_sha)
                SELECT id, 'old-run', 1600000000, 'abc' FROM projects;
            INSERT INTO components (run_id, name, status, lines_valid, lines_covered, branches_valid, branches_covered,
                content_hash) SELECT id, 'python', 'measured', 10, 7, 0, 0, 'h' FROM runs;
            INSERT INTO paths (project_id, path) SELECT id, 'src/app.py' FROM projects;
            INSERT INTO files SELECT runs.id, 'python', paths.id, 10, 7, 0, 0 FROM runs, paths;
            """
        _ = try PostgresServer.sql(sql, at: history.url)
        #expect(
            try count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conname LIKE 'files%'", history) == 2)
        let store = try history.store()
        #expect(try store.runs(includingFiles: true).map { $0.components[0].files.map(\.path) } == [["src/app.py"]])
        #expect(
            try count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conname LIKE 'files%'", history) == 0)
        #expect(try count("SELECT count(*) FROM pg_trigger WHERE tgname = 'files_inserted'", history) == 1)
        _ = try store.record(try BackendStoreTests.run(1))
        #expect(try store.runs().count == 2)
        #expect(throws: HistoryError.self) { try store.database.execute("DELETE FROM paths") }
    }
}
