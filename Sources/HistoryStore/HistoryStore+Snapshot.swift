import Foundation

extension HistoryStore {
    /// Runs `body` with every read through this store (and stores for other projects made from it)
    /// in one snapshot of the history: writers may go on, `body` sees none of their changes. On
    /// PostgreSQL this is one `REPEATABLE READ` transaction whose snapshot `snapshotReader()` shares
    /// with a second connection.
    /// - Throws: `HistoryError` when the transaction cannot start; whatever `body` throws.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        if database.transactionDepth > 0 {
            database.transactionDepth += 1
            defer { database.transactionDepth -= 1 }
            return try body()
        }
        try database.begin(.read)
        database.transactionDepth = 1
        defer {
            database.transactionDepth = 0
            exportedSnapshot = nil
            // Nothing was written: ending the transaction either way is the same.
            database.rollback()
        }
        if database.dialect == .postgres {
            exportedSnapshot = try database.prepare("SELECT pg_export_snapshot()").text()
        }
        return try body()
    }

    /// Whether `snapshotReader()` opens a store that reads this store's own snapshot: on
    /// PostgreSQL, inside `snapshot`.
    public var sharesSnapshot: Bool { exportedSnapshot != nil }

    /// Opens, when called (on any thread), a second store of this history and project that reads
    /// the same snapshot as this one's open `snapshot` on PostgreSQL. On SQLite (or outside a
    /// snapshot) it is a read-only store with a snapshot of its own: compare what both read.
    public func snapshotReader() -> @Sendable () throws(HistoryError) -> HistoryStore {
        let location = location
        let project = ProjectChoice(name: project, isExplicit: true)
        guard case .postgres(let url) = location, let snapshot = exportedSnapshot else {
            return { () throws(HistoryError) in
                try HistoryStore(location: location, project: project, access: .readOnly)
            }
        }
        let (name, id, timeout) = (self.project, projectID, busyTimeout)
        return { () throws(HistoryError) in
            try HistoryStore(
                reading: url, location: location, project: name, id: id, snapshot: snapshot, timeout: timeout)
        }
    }
}

extension DatabaseStatement {
    /// The first column of the first row as text, or nil.
    func text(_ values: [SQLValue] = []) throws(HistoryError) -> String? {
        var found: String?
        try query(values) { row in
            if found == nil, !row.isNull(0) { found = row.text(0) }
        }
        return found
    }
}
