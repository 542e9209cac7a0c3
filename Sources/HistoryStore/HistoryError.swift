/// Why the history could not be opened, read or written. Every case names the history file.
public enum HistoryError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file exists but is not an SQLite database; it is left untouched.
    case notADatabase(path: String)
    /// An SQLite database of another program (it has tables, none of them Tidemark's); left untouched.
    case foreignDatabase(path: String, tables: [String])
    /// SQLite reports the database damaged; it is left untouched.
    case corrupt(path: String, message: String)
    /// The history was written by a newer Tidemark, whose changes this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The history was written by an older Tidemark and must be migrated, which a read-only
    /// command does not do.
    case olderSchema(path: String, missingMigrations: [String])
    /// Another process held the history longer than the busy timeout.
    case busy(path: String, seconds: Int)
    /// Any other SQLite failure, with SQLite's message.
    case sqlite(path: String, message: String)
    /// Any other PostgreSQL failure, with the server's message and SQLSTATE.
    case postgres(path: String, message: String)
    /// The server could not be reached, refused the login, or the connection broke; an open
    /// transaction was rolled back by the server.
    case connection(path: String, message: String)
    /// The file system refused (folder cannot be created, backup cannot be written, …).
    case io(path: String, message: String)
    /// A line of an import file is not a run as `history export` writes it.
    case invalidImport(path: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path): not a Tidemark history (not an SQLite database); it was left untouched"
        case .foreignDatabase(let path, let tables):
            "\(path): an SQLite database of another program (tables: \(tables.prefix(5).joined(separator: ", "))"
                + "\(tables.count > 5 ? ", …" : "")), not a Tidemark history; it was left untouched — give "
                + "--history "
                + "a new file or an existing Tidemark history"
        case .corrupt(let path, let message):
            "\(path): the history database is damaged (\(message)); it was left untouched — restore a backup or "
                + "move it aside to start a new history"
        case .newerSchema(let path, let migrations):
            "\(path): written by a newer Tidemark (unknown schema changes: \(migrations.joined(separator: ", "))); "
                + "upgrade Tidemark to use it"
        case .olderSchema(let path, let migrations):
            "\(path): written by an older Tidemark (missing schema changes: \(migrations.joined(separator: ", "))); "
                + "run a command that writes to it (tidemark record) once to update it"
        case .busy(let path, let seconds):
            "\(path): the history stayed locked by another process for \(seconds) s; try again"
        case .sqlite(let path, let message): "\(path): SQLite error: \(message)"
        case .postgres(let path, let message): "\(path): PostgreSQL error: \(message)"
        case .connection(let path, let message): "\(path): \(message)"
        case .io(let path, let message): "\(path): \(message)"
        case .invalidImport(let path, let line, let message): "\(path):\(line): \(message); nothing was imported"
        }
    }
}
