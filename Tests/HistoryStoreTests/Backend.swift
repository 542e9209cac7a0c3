import Foundation
import TestSupport
import Testing

@testable import HistoryStore

extension Backend {
    /// A new, empty history.
    func history() throws -> TestHistory { try TestHistory(self) }
}

/// A history of a test: a file in a folder of its own, or a database of its own; removed with it.
final class TestHistory: @unchecked Sendable {
    let location: HistoryLocation
    private let folder: TemporaryFolder?
    private let database: TestDatabase?

    init(_ backend: Backend) throws {
        switch backend {
        case .sqlite:
            let folder = try TemporaryFolder()
            self.folder = folder
            database = nil
            location = .sqlite(path: folder.path + "/h.sqlite")
        case .postgres:
            let database = try TestDatabase()
            self.database = database
            folder = nil
            location = .postgres(url: database.url)
        }
    }

    var url: String { database?.url ?? "" }

    /// The history of `project`.
    func store(_ project: String = "p", access: HistoryStore.Access = .readWrite) throws -> HistoryStore {
        try HistoryStore(location: location, project: ProjectChoice(name: project, isExplicit: true), access: access)
    }
}

/// Shown as skipped, with the reason, when PostgreSQL tests cannot run here.
@Suite struct PostgresAvailability {
    @Test(
        "A PostgreSQL server for the tests",
        .enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
    func serverAnswers() throws {
        let url = try PostgresServer.requireURL()
        #expect(try PostgresServer.sql("SELECT 1", at: url).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }
}
