import CPostgres
import Foundation

/// One connection to a PostgreSQL server through libpq, loaded at run time. Statements run with
/// `PQexecParams` (text results, values as text and blobs as binary); many rows go in by `COPY`.
/// Errors become `HistoryError` at once, naming the history by its URL without the password.
final class PostgresDatabase: DatabaseConnection {
    let name: String
    var dialect: SQLDialect { .postgres }
    var transactionDepth = 0
    let api: UnsafePointer<tidemark_libpq>
    let connection: OpaquePointer
    /// The password of the URL, removed from any message that would show it.
    let secret: String?
    let lockTimeout: TimeInterval

    /// The schema holding Tidemark's tables, so a database shared with other programs keeps them apart.
    static let schema = "tidemark"

    /// Connects to `url` and prepares the session: Tidemark's schema first on the search path,
    /// UTF-8, bytea in hex, and lock waits bounded like SQLite's busy timeout.
    /// - Throws: `HistoryError.connection` with libpq's reason on one line; `.io` without libpq.
    init(url: String, name: String, secret: String?, lockTimeout: TimeInterval) throws(HistoryError) {
        guard let api = tidemark_libpq_load() else {
            throw .io(
                path: name,
                message: "libpq is not installed, and a postgresql:// history needs it: install libpq5 "
                    + "(apt-get install libpq5, dnf install libpq)")
        }
        self.api = api
        self.name = name
        // A password of 1–3 characters is not scrubbed from messages: that would garble every word.
        let secret = secret.flatMap { $0.count >= 4 ? $0 : nil }
        self.secret = secret
        self.lockTimeout = lockTimeout
        // Defaults before the URL (its own values win), the encoding after it (ours wins).
        let keywords = ["connect_timeout", "fallback_application_name", "dbname", "client_encoding"]
        let values = ["10", "tidemark", url, "UTF8"]
        let opened = Self.withCStrings(keywords) { keys in
            Self.withCStrings(values) { vals in api.pointee.connectdbParams(keys, vals, 1) }
        }
        guard let opened else { throw .io(path: name, message: "libpq could not allocate a connection") }
        // Checked before the connection is kept: once every property is set, a throw runs deinit.
        guard api.pointee.status(opened) == 0 else {
            let message = Self.oneLine(String(cString: api.pointee.errorMessage(opened)))
            api.pointee.finish(opened)
            throw .connection(path: name, message: "cannot connect (" + Self.scrub(message, secret: secret) + ")")
        }
        connection = opened
        tidemark_libpq_quiet(opened)
        try execute(
            """
            SET search_path TO \(Self.schema); SET bytea_output = 'hex';
            SET lock_timeout = '\(Int(lockTimeout * 1000))ms'
            """)
    }

    deinit { api.pointee.finish(connection) }

    func execute(_ sql: String) throws(HistoryError) {
        let result = api.pointee.exec(connection, sql)
        defer { if let result { api.pointee.clear(result) } }
        try check(result)
    }

    func prepare(_ sql: String) throws(HistoryError) -> any DatabaseStatement {
        PostgresStatement(sql: PostgresText.numbered(sql), database: self)
    }

    /// Reads see one snapshot of the whole database (`REPEATABLE READ`); writes see what other
    /// transactions committed before each statement (`READ COMMITTED`), after taking the project's
    /// row lock, so writers of one project queue and never see each other half-way.
    func begin(_ kind: TransactionKind) throws(HistoryError) {
        try execute(
            kind == .read ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED")
    }

    /// A connection lost during `COMMIT` leaves it unknown whether the server committed: say so.
    func commit() throws(HistoryError) {
        do {
            try execute("COMMIT")
        } catch .connection(let path, let message) {
            throw .connection(
                path: path,
                message: message + "; whether the change was saved is unknown: look with tidemark history list")
        }
    }

    func rollback() { try? execute("ROLLBACK") }

    /// Runs `sql` with `values` and returns the result (the caller clears it).
    func run(_ sql: String, _ values: [SQLValue]) throws(HistoryError) -> OpaquePointer {
        var storage: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for value in values {
            switch value {
            case .null:
                offsets.append(-1)
                lengths.append(0)
                formats.append(0)
            case .integer(let number):
                offsets.append(storage.count)
                storage.append(contentsOf: String(number).utf8)
                storage.append(0)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                guard !text.utf8.contains(0) else {
                    throw .postgres(
                        path: name, message: "a text value holds a NUL character, which PostgreSQL cannot store")
                }
                offsets.append(storage.count)
                storage.append(contentsOf: text.utf8)
                storage.append(0)
                lengths.append(0)
                formats.append(0)
            case .blob(let data):
                offsets.append(storage.count)
                storage.append(contentsOf: data)
                lengths.append(Int32(data.count))
                formats.append(1)
            }
        }
        return try executeParams(sql, storage: storage, offsets: offsets, lengths: lengths, formats: formats)
    }

    private func executeParams(_ sql: String, storage: [UInt8], offsets: [Int], lengths: [Int32], formats: [Int32])
        throws(HistoryError) -> OpaquePointer
    {
        let result = storage.withUnsafeBufferPointer { bytes -> OpaquePointer? in
            let base = UnsafeRawPointer(bytes.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset < 0 ? nil : base.map { $0 + offset }
            }
            return api.pointee.execParams(connection, sql, Int32(offsets.count), nil, pointers, lengths, formats, 0)
        }
        do {
            try check(result)
        } catch {
            if let result { api.pointee.clear(result) }
            throw error
        }
        guard let result else { throw lostConnection() }
        return result
    }

    func insertRows(into table: String, columns: [String], values: [SQLValue]) throws(HistoryError) {
        let width = max(1, columns.count)
        precondition(values.count % width == 0, "insertRows: \(values.count) values for rows of \(width)")
        guard !values.isEmpty else { return }
        let start = api.pointee.exec(connection, "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN")
        let status = start.map { api.pointee.resultStatus($0) } ?? -1
        if let start { api.pointee.clear(start) }
        guard status == 4 else { throw error(from: nil) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var sent = true
        for start in stride(from: 0, to: values.count, by: width) {
            PostgresText.appendCopyRow(values[start..<(start + width)], to: &buffer)
            if buffer.count >= 1 << 20 {
                sent = sent && send(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        sent = sent && send(buffer)
        // Ending the copy with an error message makes the server reject every row sent.
        _ = api.pointee.putCopyEnd(connection, sent ? nil : "tidemark could not send every row")
        var failure: HistoryError?
        while let result = api.pointee.getResult(connection) {
            if failure == nil, api.pointee.resultStatus(result) != 1 { failure = error(from: result) }
            api.pointee.clear(result)
        }
        if let failure { throw failure }
        guard sent else { throw lostConnection() }
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        bytes.isEmpty
            || bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        api.pointee.putCopyData(connection, $0, Int32(buffer.count)) == 1
                    }
                } ?? true
            }
    }
}

/// A statement of a PostgreSQL connection: its SQL with `$N` placeholders, run with each call.
final class PostgresStatement: DatabaseStatement {
    private let sql: String
    private unowned let database: PostgresDatabase

    init(sql: String, database: PostgresDatabase) {
        self.sql = sql
        self.database = database
    }

    func run(_ values: [SQLValue]) throws(HistoryError) {
        database.api.pointee.clear(try database.run(sql, values))
    }

    func query(_ values: [SQLValue], _ body: (DatabaseRow) throws(HistoryError) -> Void) throws(HistoryError) {
        let result = try database.run(sql, values)
        let api = database.api
        defer { api.pointee.clear(result) }
        let count = api.pointee.ntuples(result)
        for row in 0..<count {
            try body(DatabaseRow(source: .postgres(PostgresCursor(api: api, result: result, row: row))))
        }
    }
}
