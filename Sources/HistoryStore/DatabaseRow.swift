import CPostgres
import CSQLite
import Foundation

/// The current row of a query, on either database. Columns are 0-based. A concrete type rather than
/// a protocol: reading a long history calls these millions of times.
struct DatabaseRow {
    enum Source {
        /// An SQLite statement stepped onto a row.
        case sqlite(OpaquePointer)
        /// A row of a PostgreSQL result, in text format.
        case postgres(PostgresCursor)
    }

    let source: Source

    func isNull(_ column: Int32) -> Bool {
        switch source {
        case .sqlite(let statement): sqlite3_column_type(statement, column) == SQLITE_NULL
        case .postgres(let cursor): cursor.api.pointee.getisnull(cursor.result, cursor.row, column) != 0
        }
    }

    func int(_ column: Int32) -> Int {
        switch source {
        case .sqlite(let statement): return Int(sqlite3_column_int64(statement, column))
        case .postgres(let cursor): return PostgresText.integer(cursor.value(column))
        }
    }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func text(_ column: Int32) -> String {
        switch source {
        case .sqlite(let statement):
            return sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
        case .postgres(let cursor): return String(cString: cursor.value(column))
        }
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// Whether the column's text is `value`, without making a String of it.
    func textEquals(_ column: Int32, _ value: String) -> Bool {
        var value = value
        return value.withUTF8 { utf8 in withTextBytes(column) { ByteOrder.compare($0, utf8) == 0 } }
    }

    /// The column's text as bytes, valid only inside `body` (the row's own memory: no String made).
    func withTextBytes<Result>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let bytes: UnsafeRawPointer?
        let count: Int
        switch source {
        case .sqlite(let statement):
            bytes = sqlite3_column_text(statement, column).map { UnsafeRawPointer($0) }
            count = Int(sqlite3_column_bytes(statement, column))
        case .postgres(let cursor):
            bytes = UnsafeRawPointer(cursor.value(column))
            count = cursor.length(column)
        }
        guard let bytes, count > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: count))
    }

    func blob(_ column: Int32) -> Data {
        switch source {
        case .sqlite(let statement):
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return Data() }
            return Data(bytes: bytes, count: count)
        case .postgres(let cursor): return PostgresText.bytea(cursor.value(column), count: cursor.length(column))
        }
    }
}

/// A row of a PostgreSQL result, with the library that reads it.
struct PostgresCursor {
    let api: UnsafePointer<tidemark_libpq>
    let result: OpaquePointer
    let row: Int32

    /// The column's text (an empty string for NULL), owned by the result.
    func value(_ column: Int32) -> UnsafeMutablePointer<CChar> { api.pointee.getvalue(result, row, column) }

    func length(_ column: Int32) -> Int { Int(api.pointee.getlength(result, row, column)) }
}

/// Text ordered by its UTF-8 bytes, as SQLite's `BINARY` and PostgreSQL's `"C"` collations order it.
enum ByteOrder {
    /// Negative, zero or positive as `left` sorts before, with or after `right`: byte by byte, then
    /// the shorter first.
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let a = left.baseAddress, let b = right.baseAddress {
            let bytes = memcmp(a, b, common)
            if bytes != 0 { return Int(bytes) }
        }
        return left.count - right.count
    }

    /// `compare` for two strings' UTF-8 bytes.
    static func compare(_ left: String, _ right: String) -> Int {
        var (left, right) = (left, right)
        return left.withUTF8 { a in right.withUTF8 { b in compare(a, b) } }
    }
}
