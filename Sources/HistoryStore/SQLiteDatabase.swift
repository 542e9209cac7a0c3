import CSQLite
import Foundation

/// A thin, typed layer over SQLite's C API: one connection, prepared statements, transactions.
/// Errors become `HistoryError` at once, naming the database file.
final class SQLiteDatabase: DatabaseConnection {
    let path: String
    private var handle: OpaquePointer?
    /// How long a statement waits for another process's lock, said again in the busy error.
    private var busySeconds = 0
    var transactionDepth = 0
    var name: String { path }
    var dialect: SQLDialect { .sqlite }

    /// How a connection may touch its file.
    enum Access {
        /// Read and write; the file is created only when `create` is true.
        case readWrite(create: Bool)
        /// `SQLITE_OPEN_READONLY`: never writes the database file (SQLite may still create the
        /// `-wal`/`-shm` files of a WAL database beside it, where the folder allows).
        case readOnly
        /// Read-only and without any locking or `-shm` file (`immutable=1`): only for a file nobody
        /// can be writing, such as a history in a folder this process cannot write to.
        case immutable
    }

    /// Opens the database at `path`.
    init(path: String, access: Access, busyTimeout: TimeInterval) throws(HistoryError) {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX
        var name = path
        switch access {
        case .readWrite(let create):
            flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
        case .readOnly:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = Self.uri(path, query: "mode=ro")
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = Self.uri(path, query: "mode=ro&immutable=1")
        }
        handle = try Self.open(name, flags: flags, path: path)
        busySeconds = Int(busyTimeout.rounded())
        sqlite3_busy_timeout(handle, Int32(busyTimeout * 1000))
        sqlite3_extended_result_codes(handle, 1)
    }

    /// An in-memory database: an empty history for a path that does not exist yet.
    init(inMemoryFor path: String) throws(HistoryError) {
        self.path = path
        handle = try Self.open(":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, path: path)
    }

    private static func open(_ name: String, flags: Int32, path: String) throws(HistoryError) -> OpaquePointer? {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(name, &db, flags, nil)
        guard code == SQLITE_OK else {
            let error = Self.error(code: code, db: db, path: path)
            sqlite3_close_v2(db)
            throw error
        }
        return db
    }

    /// `file:` URI of a path: absolute, and every byte that could end the path or start a query
    /// (`?`, `#`, `%`) percent-encoded.
    static func uri(_ path: String, query: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%;")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?" + query
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs SQL without results (several statements allowed).
    func execute(_ sql: String) throws(HistoryError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) }
            sqlite3_free(message)
            throw Self.error(code: code, db: handle, path: path, message: text, busySeconds: busySeconds)
        }
    }

    func prepare(_ sql: String) throws(HistoryError) -> any DatabaseStatement { try statement(sql) }

    func statement(_ sql: String) throws(HistoryError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code: code) }
        return SQLiteStatement(statement: statement, database: self)
    }

    /// A write transaction is taken at once (`BEGIN IMMEDIATE`), so concurrent writers queue on the
    /// busy timeout instead of failing half-way; a read transaction is one consistent snapshot.
    /// Foreign keys can only be switched outside a transaction: off just before an `append` begins,
    /// on again as it ends, and on before any other transaction in case that failed.
    func begin(_ kind: TransactionKind) throws(HistoryError) {
        try checkReferences(kind != .append)
        try execute(kind == .read ? "BEGIN" : "BEGIN IMMEDIATE")
    }

    func commit() throws(HistoryError) {
        try execute("COMMIT")
        try? checkReferences(true)
    }

    func rollback() {
        try? execute("ROLLBACK")
        try? checkReferences(true)
    }

    /// Whether `PRAGMA foreign_keys` is off for an `append` (it is on from opening).
    private var referencesUnchecked = false

    private func checkReferences(_ on: Bool) throws(HistoryError) {
        guard referencesUnchecked == on else { return }
        try execute(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF")
        referencesUnchecked = !on
    }

    /// Inserts `rows` up to `rowsPerInsert` at a time: a step per row ran the insert's whole program
    /// (opening the table and its indexes) once per row.
    func insertRows(into table: String, columns: [String], values: [SQLValue]) throws(HistoryError) {
        let width = max(1, columns.count)
        precondition(values.count % width == 0, "insertRows: \(values.count) values for rows of \(width)")
        let rowCount = values.count / width
        let perStatement = max(1, min(Self.rowsPerInsert, Self.parametersPerInsert / width))
        var statements: [Int: SQLiteStatement] = [:]
        var start = 0
        while start < rowCount {
            let count = min(perStatement, rowCount - start)
            let insert: SQLiteStatement
            if let prepared = statements[count] {
                insert = prepared
            } else {
                insert = try statement(
                    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                        + HistoryStore.rows(count, columns: width))
                statements[count] = insert
            }
            try insert.run(values[(start * width)..<((start + count) * width)])
            start += count
        }
    }

    static let rowsPerInsert = 100
    /// Well under SQLite's limit of 32 766 parameters per statement (999 before 3.32).
    static let parametersPerInsert = 900

    func error(code: Int32, message: String? = nil) -> HistoryError {
        Self.error(code: code, db: handle, path: path, message: message, busySeconds: busySeconds)
    }

    static func error(
        code: Int32, db: OpaquePointer?, path: String, message: String? = nil, busySeconds: Int = 0
    ) -> HistoryError {
        let text =
            message ?? db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        switch code & 0xff {
        case SQLITE_NOTADB: return .notADatabase(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, message: text)
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path, seconds: busySeconds)
        case SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_READONLY, SQLITE_PERM, SQLITE_FULL:
            return .io(path: path, message: text)
        default: return .sqlite(path: path, message: text)
        }
    }
}

/// A prepared statement; bind by position (1-based), step, read columns (0-based).
final class SQLiteStatement: DatabaseStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds values in order, replacing earlier bindings.
    @discardableResult
    func bind(_ values: ArraySlice<SQLValue>) -> SQLiteStatement {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .text(var text):
                // Its UTF-8 bytes in place, with their length: passing the `String` as a C string
                // allocated a copy of every short one (a component's name, on every file's row).
                text.withUTF8 { bytes in
                    _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                        // An empty buffer may have no address, and a null pointer would bind NULL.
                        guard let start = chars.baseAddress else {
                            return sqlite3_bind_text(statement, index, "", 0, tidemark_sqlite_transient())
                        }
                        return sqlite3_bind_text(
                            statement, index, start, Int32(chars.count), tidemark_sqlite_transient())
                    }
                }
            case .blob(let data):
                data.withUnsafeBytes { bytes in
                    _ = sqlite3_bind_blob(
                        statement, index, bytes.baseAddress, Int32(bytes.count), tidemark_sqlite_transient())
                }
            }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [SQLValue]) throws(HistoryError) { try run(values[...]) }

    /// Runs a statement that returns no rows, with a part of an array's values.
    func run(_ values: ArraySlice<SQLValue>) throws(HistoryError) {
        bind(values)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw database.error(code: code) }
        sqlite3_reset(statement)
    }

    /// Runs a query and hands each row to `body`.
    func query(_ values: [SQLValue], _ body: (DatabaseRow) throws(HistoryError) -> Void) throws(HistoryError) {
        bind(values[...])
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw database.error(code: code) }
            try body(DatabaseRow(source: .sqlite(statement)))
        }
    }
}
