import Foundation

/// One connection to the database holding a history, SQLite or PostgreSQL. The store's SQL is
/// written once, in the standard SQL both speak, with `?` (or `?N`) placeholders; a backend turns
/// that into its own form. What differs beyond that is here: transactions, bulk inserts, the
/// schema's types (`SQLDialect`).
protocol DatabaseConnection: AnyObject {
    /// The history as people see it in messages: a file path, or a URL without its password.
    var name: String { get }
    var dialect: SQLDialect { get }
    /// How many transactions are open: 0 outside one. Nested transactions join the outer one.
    var transactionDepth: Int { get set }

    /// Runs SQL without parameters or results (several statements allowed).
    func execute(_ sql: String) throws(HistoryError)
    /// A statement to run, once or many times, with values for its placeholders.
    func prepare(_ sql: String) throws(HistoryError) -> any DatabaseStatement
    /// Starts a transaction of this kind (never nested: `transaction(_:_:)` joins an open one).
    func begin(_ kind: TransactionKind) throws(HistoryError)
    func commit() throws(HistoryError)
    func rollback()
    /// Adds many rows to `table` at once: a statement per 100 rows on SQLite, `COPY` on
    /// PostgreSQL (a round trip per row to a server is what made 50 000 files slow).
    /// - Parameter values: the rows' values one after another, `columns.count` per row (an array
    ///   per row was an allocation, a copy and a release per file of a 20 000-file run).
    func insertRows(into table: String, columns: [String], values: [SQLValue]) throws(HistoryError)
}

/// What a transaction is for.
enum TransactionKind {
    /// Reads that must see one state: SQLite's deferred transaction, PostgreSQL's `REPEATABLE READ`.
    case read
    /// A change that must be whole or absent: SQLite's `BEGIN IMMEDIATE` (writers queue on the busy
    /// timeout), PostgreSQL's `READ COMMITTED` (writers of a project queue on its row lock).
    case write
    /// A `write` that adds rows and deletes none that others refer to, and whose references are
    /// right by construction: each names a row read or added in the same transaction, which no other
    /// writer can change meanwhile. SQLite does not check its foreign keys during it (a B-tree lookup
    /// per reference: 13 ms of the 20 000 `files` and `paths` rows of a new project, about 5 % of
    /// recording them); PostgreSQL checks once per statement either way (`Schema.bulkChecks`).
    case append
}

extension DatabaseConnection {
    /// `insertRows(into:columns:values:)` for rows given one array each.
    func insertRows(into table: String, columns: [String], rows: [[SQLValue]]) throws(HistoryError) {
        try insertRows(into: table, columns: columns, values: Array(rows.joined()))
    }

    /// Runs `body` in a transaction of `kind`, or inside the one already open; a transaction this
    /// call opened is committed when `body` returns and rolled back when it throws.
    func transaction<T>(_ kind: TransactionKind, _ body: () throws(HistoryError) -> T) throws(HistoryError) -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try begin(kind)
        transactionDepth = 1
        do {
            let result = try body()
            transactionDepth = 0
            try commit()
            return result
        } catch {
            transactionDepth = 0
            rollback()
            throw error
        }
    }

    func writeTransaction<T>(_ body: () throws(HistoryError) -> T) throws(HistoryError) -> T {
        try transaction(.write, body)
    }

    func readTransaction<T>(_ body: () throws(HistoryError) -> T) throws(HistoryError) -> T {
        try transaction(.read, body)
    }
}

/// A statement with placeholders, bound by position.
protocol DatabaseStatement: AnyObject {
    /// Runs a statement that returns no rows.
    func run(_ values: [SQLValue]) throws(HistoryError)
    /// Runs a query and hands each row to `body`.
    func query(_ values: [SQLValue], _ body: (DatabaseRow) throws(HistoryError) -> Void) throws(HistoryError)
}

extension DatabaseStatement {
    func run() throws(HistoryError) { try run([]) }

    func query(_ body: (DatabaseRow) throws(HistoryError) -> Void) throws(HistoryError) { try query([], body) }

    /// The first column of the first row as an integer (`INSERT … RETURNING id`, `count(*)`), or nil.
    func integer(_ values: [SQLValue] = []) throws(HistoryError) -> Int64? {
        var found: Int64?
        try query(values) { row in
            if found == nil, !row.isNull(0) { found = Int64(row.int(0)) }
        }
        return found
    }
}

/// A value to bind.
enum SQLValue {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)

    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func optional(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
}

/// The words of the schema that differ between the two databases; the rest of the SQL is shared.
struct SQLDialect: Equatable, Sendable {
    /// 64-bit integers (PostgreSQL's `INTEGER` is 32 bits; times in seconds outgrow it in 2038).
    let integer: String
    /// An integer key the database assigns: SQLite's rowid alias, PostgreSQL's identity column.
    let rowID: String
    /// Text compared byte by byte, as SQLite does: PostgreSQL's default collation follows the
    /// server's locale, and names would sort differently from one server to the next.
    let text: String
    let blob: String
    /// SQLite's clause for tables keyed by their primary key alone; nothing on PostgreSQL.
    let withoutRowID: String

    /// `IN (subquery)` for a few keys of a big table. PostgreSQL plans `IN (subquery)` as a join
    /// whose size it guesses from statistics: right after an import (statistics not gathered yet)
    /// it read all 400 000 file rows of a 10 000-run history for the files of 20 runs, 70–430 ms. An
    /// array of the subquery's rows is looked up through the index, 1 ms.
    func inSubquery(_ subquery: String) -> String {
        self == .postgres ? "= ANY (ARRAY(\(subquery)))" : "IN (\(subquery))"
    }

    static let sqlite = SQLDialect(
        integer: "INTEGER", rowID: "INTEGER PRIMARY KEY", text: "TEXT", blob: "BLOB", withoutRowID: " WITHOUT ROWID")
    static let postgres = SQLDialect(
        integer: "BIGINT", rowID: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", text: "TEXT COLLATE \"C\"",
        blob: "BYTEA", withoutRowID: "")
}
