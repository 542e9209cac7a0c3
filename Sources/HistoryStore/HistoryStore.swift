import CoverageModel
import Foundation

/// The stored history of runs: an SQLite database holding counts per run, component and file, and
/// the per-line data of the latest runs. Every write is one transaction, so a process killed at any
/// instant leaves each run whole or absent; concurrent writers queue on a bounded busy timeout.
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

    /// The history file.
    public let path: String
    /// How the file was opened.
    public let access: Access
    let database: SQLiteDatabase

    /// Opens the history at `path`.
    ///
    /// An existing file is looked at read-only first: another program's SQLite database, or a
    /// history written by a newer Tidemark, is refused before a byte of it could change.
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - access: `.readWrite` creates the file (and its folder) on first use and migrates an older
    ///     one after writing a backup copy beside it; `.readOnly` never writes.
    ///   - busyTimeout: how long to wait for another process's write before giving up.
    /// - Throws: `HistoryError` for a file that is not a Tidemark history, is damaged, or is newer.
    public init(path: String, access: Access = .readWrite, busyTimeout: TimeInterval = 120) throws(HistoryError) {
        self.path = path
        self.access = access
        switch access {
        case .readWrite: database = try Self.openForWriting(path, busyTimeout: busyTimeout)
        case .readOnly: database = try Self.openForReading(path, busyTimeout: busyTimeout)
        }
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's list of problems.
    public func integrityCheck() throws(HistoryError) -> String {
        var lines: [String] = []
        try database.prepare("PRAGMA integrity_check").query { row in lines.append(row.text(0)) }
        return lines.joined(separator: "\n")
    }
}
