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
        guard let bytes else { return value.isEmpty }
        var value = value
        return value.withUTF8 { utf8 in
            guard utf8.count == count else { return false }
            guard let base = utf8.baseAddress else { return true }
            return memcmp(base, bytes, count) == 0
        }
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
