import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import HistoryStore

/// What only a server has: concurrent first runs, snapshots across connections, login failures.
@Suite(.enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
struct PostgresStoreTests {
    @Test("Eight first runs at once on an empty database: every one opens, each migration is applied once")
    func concurrentFirstRuns() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                _ = try history.store("p\(index)").record(try BackendStoreTests.run(index))
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let migrations = try PostgresServer.sql(
            "SELECT name FROM tidemark.tidemark_migrations ORDER BY name", at: history.url)
        #expect(migrations.split(separator: "\n").map(String.init) == Schema.migrations.map(\.name).sorted())
        #expect(try history.store().projects().count == 8)
    }

    @Test("A read snapshot sees none of a write committed meanwhile, on its own connection and on a second one")
    func snapshotAcrossConnections() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        let writer = try history.store()
        _ = try writer.record(try BackendStoreTests.run(0))
        let reader = try history.store(access: .readOnly)
        try reader.snapshot {
            let before = try reader.runs().map(\.id)
            _ = try writer.record(try BackendStoreTests.run(1))
            #expect(try reader.runs().map(\.id) == before)
            let second = try reader.snapshotReader()()
            #expect(try second.latestRuns(2).map(\.summary.id) == before)
        }
        #expect(try reader.runs().count == 2)
    }

    @Test("A read-only session cannot write, even by mistake")
    func readOnlySession() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        _ = try history.store().record(try BackendStoreTests.run(0))
        let reader = try history.store(access: .readOnly)
        #expect(throws: HistoryError.self) { try reader.database.execute("DELETE FROM runs") }
        #expect(try reader.runs().count == 1)
    }

    @Test("Another program's tables in the schema tidemark are refused and left alone")
    func foreignSchema() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        try PostgresServer.sql("CREATE SCHEMA tidemark; CREATE TABLE tidemark.invoices (id int)", at: history.url)
        #expect(throws: HistoryError.foreignDatabase(path: history.location.display, tables: ["invoices"])) {
            try history.store()
        }
    }

    @Test("A role without rights on the schema tidemark is told which grant it lacks, in one line")
    func schemaWithoutUsage() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        _ = try history.store().record(try BackendStoreTests.run(0))
        let password = try PostgresServer.passwordRole()
        try PostgresServer.sql("REVOKE ALL ON SCHEMA tidemark FROM tidemark_password", at: history.url)
        let url = history.url.replacingOccurrences(of: "postgres@", with: "tidemark_password:\(password)@")
        do {
            _ = try HistoryStore(location: HistoryLocation(url), project: ProjectChoice(), access: .readOnly)
            Issue.record("the history opened without rights on its schema")
        } catch {
            #expect(error.description.contains("GRANT USAGE ON SCHEMA tidemark"), "\(error)")
            #expect(!error.description.contains("\n") && !error.description.contains(password), "\(error)")
        }
    }

    @Test("No server, no database, a wrong password: one line naming the URL without its password")
    func connectionFailures() throws {
        let server = try PostgresServer.requireURL()
        _ = try PostgresServer.passwordRole()
        let port = try #require(URLComponents(string: server)?.port)
        let wrongPassword = TestDatabase.url(
            server.replacingOccurrences(of: "postgres@", with: "tidemark_password:wrong-secret@"), database: "postgres")
        let cases = [
            ("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=3", "Connection refused"),
            (TestDatabase.url(server, database: "tidemark_no_such_database"), "does not exist"),
            (wrongPassword, "password authentication failed"),
        ]
        _ = port
        for (url, reason) in cases {
            do {
                _ = try HistoryStore(location: HistoryLocation(url), project: ProjectChoice())
                Issue.record("\(url) opened")
            } catch {
                let text = error.description
                #expect(text.contains(reason), "\(text)")
                #expect(!text.contains("\n") && !text.contains("wrong-secret"), "\(text)")
                #expect(text.hasPrefix(HistoryLocation(url).display + ": cannot connect"), "\(text)")
            }
        }
    }

    @Test("Text PostgreSQL cannot store (a NUL character) is an error, and nothing of the run is kept")
    func nulRefused() throws {
        let history = try TestHistory(.postgres)
        defer { withExtendedLifetime(history) {} }
        let store = try history.store()
        var run = try BackendStoreTests.run(0)
        run.source.branch = "a\u{0}b"
        #expect(throws: HistoryError.self) { try store.record(run) }
        #expect(try store.runs().isEmpty)
    }
}

/// Errors collected from concurrent iterations.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
