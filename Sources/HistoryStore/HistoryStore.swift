import CoverageModel
import Foundation

/// The stored history of runs: an SQLite database holding counts per run, component and file, and
/// the per-line data of the latest runs. Every write is one transaction, so a process killed at any
/// instant leaves each run whole or absent; concurrent writers queue on a bounded busy timeout.
public final class HistoryStore {
    /// Where the history lives unless `--history` says otherwise.
    public static let defaultPath = ".tidemark/history.sqlite"

    /// The history file.
    public let path: String
    let database: SQLiteDatabase

    /// Opens the history at `path`, creating it (and its folder) on first use and migrating an older
    /// one after writing a backup copy beside it.
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - busyTimeout: how long to wait for another process's write before giving up.
    /// - Throws: `HistoryError` for a file that is not a Tidemark history, is damaged, or is newer.
    public init(path: String, busyTimeout: TimeInterval = 120) throws(HistoryError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            try Self.checkHeader(path)
        } else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .io(path: path, message: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        database = try SQLiteDatabase(path: path, create: !exists, busyTimeout: busyTimeout)
        try database.execute("PRAGMA foreign_keys = ON")
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA synchronous = FULL")
        try migrate()
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's list of problems.
    public func integrityCheck() throws(HistoryError) -> String {
        var lines: [String] = []
        try database.prepare("PRAGMA integrity_check").query { row in lines.append(row.text(0)) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Opening

    /// An existing file must start with SQLite's header; anything else is left untouched.
    private static func checkHeader(_ path: String) throws(HistoryError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .io(path: path, message: "cannot open the history for reading")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        guard header == Data("SQLite format 3\0".utf8) else { throw .notADatabase(path: path) }
    }

    private func appliedMigrations() throws(HistoryError) -> [String]? {
        var hasTable = false
        var otherTables = 0
        try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").query { row in
            if row.text(0) == "tidemark_migrations" { hasTable = true } else { otherTables += 1 }
        }
        guard hasTable else {
            // An SQLite database of some other program: never write into it.
            if otherTables > 0 { throw .notADatabase(path: path) }
            return nil
        }
        var names: [String] = []
        try database.prepare("SELECT name FROM tidemark_migrations").query { row in names.append(row.text(0)) }
        return names
    }

    private func migrate() throws(HistoryError) {
        let known = Schema.migrations.map(\.name)
        let applied = try appliedMigrations()
        if let applied {
            let unknown = applied.filter { !known.contains($0) }.sorted()
            if !unknown.isEmpty { throw .newerSchema(path: path, unknownMigrations: unknown) }
            let missing = known.filter { !applied.contains($0) }
            if missing.isEmpty { return }
            try backUp(before: missing[0])
        }
        try database.writeTransaction { () throws(HistoryError) in
            try database.execute(Schema.migrationsTable)
            // Another process may have migrated while this one waited for the lock.
            var done: Set<String> = []
            try database.prepare("SELECT name FROM tidemark_migrations").query { row in done.insert(row.text(0)) }
            let record = try database.prepare("INSERT INTO tidemark_migrations (name) VALUES (?)")
            for migration in Schema.migrations where !done.contains(migration.name) {
                try database.execute(migration.sql)
                try record.run([.text(migration.name)])
            }
        }
    }

    /// A consistent copy beside the history before an older schema is migrated.
    private func backUp(before migration: String) throws(HistoryError) {
        let backup = "\(path).backup-before-\(migration)"
        if FileManager.default.fileExists(atPath: backup) { return }
        let escaped = backup.replacingOccurrences(of: "'", with: "''")
        try database.execute("VACUUM INTO '\(escaped)'")
    }
}
