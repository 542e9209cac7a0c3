import CoverageModel
import Foundation

/// The stored history of runs of one project: counts per run, component and file, and the per-line
/// data of the latest runs, in an SQLite file or a PostgreSQL database (which may hold many
/// projects). Every write is one transaction, so a process killed at any instant leaves each run
/// whole or absent; concurrent writers of a project queue (SQLite's busy timeout, PostgreSQL's row
/// lock on the project) and never see each other half-way.
public final class HistoryStore {
    /// Where the history lives unless `--history` says otherwise.
    public static let defaultPath = ".tidemark/history.sqlite"

    /// What a command may do to the history file.
    public enum Access: Sendable {
        /// Recording, importing, pruning: the file and its folder are created on first use and an
        /// older schema is migrated.
        case readWrite
        /// Showing and rendering: nothing is created, migrated or written, so a history in a
        /// read-only folder can be read; a history that does not exist reads as an empty one.
        case readOnly
    }

    /// How messages name the history: the file's path, or the URL without its password.
    public let path: String
    public let location: HistoryLocation
    /// How the history was opened.
    public let access: Access
    /// The project this store reads and writes.
    public let project: String
    let database: any DatabaseConnection
    /// The project's row, or nil while it has none: reads find nothing, the first write adds it.
    var projectID: Int64?
    /// The snapshot a PostgreSQL read transaction exported, for `snapshotReader()`.
    var exportedSnapshot: String?
    let busyTimeout: TimeInterval

    /// Opens the SQLite history at `path` for its project (the only one it holds, as a history
    /// written before projects existed does).
    ///
    /// An existing file is looked at read-only first: another program's SQLite database, or a
    /// history written by a newer Tidemark, is refused before a byte of it could change.
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - access: `.readWrite` creates the file (and its folder) on first use and migrates an older
    ///     one after writing a backup copy beside it; `.readOnly` never writes.
    ///   - busyTimeout: how long to wait for another process's write before giving up.
    /// - Throws: `HistoryError` for a file that is not a Tidemark history, is damaged, or is newer.
    public convenience init(path: String, access: Access = .readWrite, busyTimeout: TimeInterval = 120)
        throws(HistoryError)
    {
        try self.init(location: .sqlite(path: path), project: ProjectChoice(), access: access, busyTimeout: busyTimeout)
    }

    /// Opens the history at `location` for `project`.
    ///
    /// An SQLite file is looked at read-only first, and a PostgreSQL schema is read before it is
    /// migrated: another program's tables, or a history written by a newer Tidemark, are refused
    /// before anything changes. Migrations on PostgreSQL run under an advisory lock, so two first
    /// runs at once do not race.
    /// - Throws: `HistoryError` for a history that cannot be reached, is not Tidemark's, is
    ///   damaged, or is newer.
    public init(
        location: HistoryLocation, project: ProjectChoice, access: Access = .readWrite, busyTimeout: TimeInterval = 120
    ) throws(HistoryError) {
        self.location = location
        self.access = access
        self.busyTimeout = busyTimeout
        path = location.display
        switch (location, access) {
        case (.sqlite(let file), .readWrite):
            database = try Self.openForWriting(file, busyTimeout: busyTimeout, projectName: project.name)
        case (.sqlite(let file), .readOnly):
            database = try Self.openForReading(file, busyTimeout: busyTimeout)
        case (.postgres(let url), _):
            database = try Self.openPostgres(
                url, location: location, access: access, lockTimeout: busyTimeout, projectName: project.name)
        }
        (self.project, projectID) = try Self.resolve(project, in: database)
    }

    /// Another project of the same history, on the same connection (and in its open transaction).
    init(sharing store: HistoryStore, project: String) throws(HistoryError) {
        location = store.location
        access = store.access
        busyTimeout = store.busyTimeout
        path = store.path
        database = store.database
        self.project = project
        projectID = try database.prepare("SELECT id FROM projects WHERE name = ?").integer([.text(project)])
    }

    /// A store on a new connection to `url` that reads in `snapshot`, the one another connection's
    /// read transaction exported (PostgreSQL); it stays in that transaction until it is released.
    init(
        reading url: String, location: HistoryLocation, project: String, id: Int64?, snapshot: String,
        timeout: TimeInterval
    ) throws(HistoryError) {
        self.location = location
        access = .readOnly
        busyTimeout = timeout
        path = location.display
        self.project = project
        projectID = id
        let connection = try PostgresDatabase(url: url, name: path, secret: location.urlPassword, lockTimeout: timeout)
        try connection.execute(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '\(snapshot)'")
        connection.transactionDepth = 1
        database = connection
    }

    /// `PRAGMA integrity_check` of an SQLite history: `ok`, or SQLite's list of problems.
    public func integrityCheck() throws(HistoryError) -> String {
        guard database.dialect == .sqlite else { throw .postgres(path: path, message: "integrity_check is SQLite's") }
        var lines: [String] = []
        try database.prepare("PRAGMA integrity_check").query { row in lines.append(row.text(0)) }
        return lines.joined(separator: "\n")
    }

    /// The project's row id to bind in queries: -1, which no row has, while the project has none.
    var projectKey: SQLValue { .integer(projectID ?? -1) }
}
