/// Why the history could not be opened, read or written. Every case names the history file.
public enum HistoryError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file exists but is not an SQLite database; it is left untouched.
    case notADatabase(path: String)
    /// SQLite reports the database damaged; it is left untouched.
    case corrupt(path: String, message: String)
    /// The history was written by a newer Tidemark, whose changes this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Another process held the history longer than the busy timeout.
    case busy(path: String, seconds: Int)
    /// Any other SQLite failure, with SQLite's message.
    case sqlite(path: String, message: String)
    /// The file system refused (folder cannot be created, backup cannot be written, …).
    case io(path: String, message: String)
    /// A line of an import file is not a run as `history export` writes it.
    case invalidImport(path: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path): not a Tidemark history (not an SQLite database); it was left untouched"
        case .corrupt(let path, let message):
            "\(path): the history database is damaged (\(message)); it was left untouched — restore a backup or "
                + "move it aside to start a new history"
        case .newerSchema(let path, let migrations):
            "\(path): written by a newer Tidemark (unknown schema changes: \(migrations.joined(separator: ", "))); "
                + "upgrade Tidemark to use it"
        case .busy(let path, let seconds):
            "\(path): the history stayed locked by another process for \(seconds) s; try again"
        case .sqlite(let path, let message): "\(path): SQLite error: \(message)"
        case .io(let path, let message): "\(path): \(message)"
        case .invalidImport(let path, let line, let message): "\(path):\(line): \(message)"
        }
    }
}
