import Foundation

extension HistoryStore {
    /// The page cache of an SQLite history, in KiB: filled only as pages are read, at most this.
    static let pageCacheKiB = 32_768

    /// What an existing SQLite file holds, as seen without writing to it.
    enum Contents: Equatable {
        /// No table at all: a new file (SQLite writes nothing until the first table).
        case empty
        /// A Tidemark history with these migrations applied.
        case tidemark(applied: [String])
        /// Some other program's database.
        case foreign(tables: [String])
    }

    // MARK: - Writing

    static func openForWriting(_ path: String, busyTimeout: TimeInterval, projectName: String) throws(HistoryError)
        -> SQLiteDatabase
    {
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            if try hasContent(path) {
                // Closed again before the file is opened for writing.
                let reader = try openReadOnly(path, busyTimeout: busyTimeout)
                if case .tidemark(let applied) = try refuseForeign(contents(of: reader), path: path) {
                    try refuseNewer(applied, path: path)
                }
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !FileManager.default.isWritableFile(atPath: path) || !FileManager.default.isWritableFile(atPath: folder)
            {
                throw .io(
                    path: path,
                    message: "the history or its folder is read-only; recording, importing and pruning write to it "
                        + "(SQLite also writes -wal and -shm files beside it), reading commands work as they are")
            }
        } else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .io(path: path, message: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        let database = try SQLiteDatabase(path: path, access: .readWrite(create: !exists), busyTimeout: busyTimeout)
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA synchronous = FULL")
        // SQLite's default page cache (2 MB) is smaller than a history of one large run: recording
        // 20 000 files into it read the same pages again 220 000 times (docs/performance.md).
        try database.execute("PRAGMA cache_size = -\(Self.pageCacheKiB)")
        // Foreign keys are enforced once migrated: a migration that rebuilds a table drops the old
        // one, which with them on would delete every row that refers to it.
        try migrate(database, projectName: projectName)
        try database.execute("PRAGMA foreign_keys = ON")
        return database
    }

    // MARK: - Reading

    static func openForReading(_ path: String, busyTimeout: TimeInterval) throws(HistoryError) -> SQLiteDatabase {
        guard FileManager.default.fileExists(atPath: path), try hasContent(path) else { return try emptyHistory(path) }
        let database = try openReadOnly(path, busyTimeout: busyTimeout)
        switch try refuseForeign(contents(of: database), path: path) {
        case .empty, .foreign:
            return try emptyHistory(path)
        case .tidemark(let applied):
            try refuseNewer(applied, path: path)
            let missing = Schema.missingForReading(applied, on: .sqlite)
            if !missing.isEmpty { throw .olderSchema(path: path, missingMigrations: missing) }
            return database
        }
    }

    /// A history that does not exist yet reads as an empty one, without creating anything.
    static func emptyHistory(_ path: String) throws(HistoryError) -> SQLiteDatabase {
        let database = try SQLiteDatabase(inMemoryFor: path)
        try migrate(database, projectName: "")
        return database
    }

    /// A read-only connection that has read the schema once.
    ///
    /// A WAL database needs its `-shm` index, which SQLite creates beside the file on the first read;
    /// in a folder this process cannot write to, and with no `-wal` file left, the file alone is the
    /// whole database and is opened `immutable` instead (no locks, no index). With a `-wal` file that
    /// still holds changes, reading the file alone would show an old state, so that is refused.
    static func openReadOnly(_ path: String, busyTimeout: TimeInterval) throws(HistoryError) -> SQLiteDatabase {
        let firstError: HistoryError
        do {
            let database = try SQLiteDatabase(path: path, access: .readOnly, busyTimeout: busyTimeout)
            try database.execute("SELECT count(*) FROM sqlite_master")
            return database
        } catch {
            firstError = error
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard case .io = firstError, !FileManager.default.isWritableFile(atPath: folder) else { throw firstError }
        let log = path + "-wal"
        let logSize = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        guard logSize == 0 else {
            throw .io(
                path: path,
                message: "its write-ahead log (\(log)) holds changes not yet in the file, and the folder is read-only; "
                    + "open it once where the folder is writable (any tidemark command) to fold them in")
        }
        let database = try SQLiteDatabase(path: path, access: .immutable, busyTimeout: busyTimeout)
        try database.execute("SELECT count(*) FROM sqlite_master")
        return database
    }

    // MARK: - Checks

    /// Whether the file has any bytes; a file with bytes must start with SQLite's header, a folder is refused.
    private static func hasContent(_ path: String) throws(HistoryError) -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .io(path: path, message: "is a folder; give --history a file such as \(path)/history.sqlite")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .io(path: path, message: "cannot open the history for reading")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return false }
        guard header == Data("SQLite format 3\0".utf8) else { throw .notADatabase(path: path) }
        return true
    }

    static func contents(of database: SQLiteDatabase) throws(HistoryError) -> Contents {
        var tables: [String] = []
        try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").query { row in
            tables.append(row.text(0))
        }
        if tables.isEmpty { return .empty }
        guard tables.contains("tidemark_migrations") else { return .foreign(tables: tables) }
        var names: [String] = []
        try database.prepare("SELECT name FROM tidemark_migrations").query { row in names.append(row.text(0)) }
        return .tidemark(applied: names)
    }

    /// An SQLite database of some other program: never written into.
    private static func refuseForeign(_ contents: Contents, path: String) throws(HistoryError) -> Contents {
        if case .foreign(let tables) = contents { throw .foreignDatabase(path: path, tables: tables) }
        return contents
    }

    static func refuseNewer(_ applied: [String], path: String) throws(HistoryError) {
        let known = Schema.migrations.map(\.name)
        let unknown = applied.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty { throw .newerSchema(path: path, unknownMigrations: unknown) }
    }

    // MARK: - Migrating

    private static func migrate(_ database: SQLiteDatabase, projectName: String) throws(HistoryError) {
        let path = database.path
        let contents = try contents(of: database)
        switch contents {
        case .foreign(let tables): throw .foreignDatabase(path: path, tables: tables)
        case .empty: break
        case .tidemark(let applied):
            try refuseNewer(applied, path: path)
            guard let first = Schema.migrations(for: .sqlite).map(\.name).first(where: { !applied.contains($0) }) else {
                return
            }
            try backUp(database, before: first)
        }
        try applyMigrations(database, projectName: projectName, lock: nil)
    }

    /// Applies the migrations `database` lacks in one transaction, after `lock` (PostgreSQL's
    /// advisory lock: another process may be migrating the same database), and names the project
    /// a migration made of an older history's runs.
    static func applyMigrations(_ database: any DatabaseConnection, projectName: String, lock: String?)
        throws(HistoryError)
    {
        try database.writeTransaction { () throws(HistoryError) in
            if let lock { try database.execute(lock) }
            try database.execute(Schema.migrationsTable(database.dialect))
            // Another process may have migrated while this one waited for the lock.
            var done: [String] = []
            try database.prepare("SELECT name FROM tidemark_migrations").query { row in done.append(row.text(0)) }
            try refuseNewer(done, path: database.name)
            let record = try database.prepare("INSERT INTO tidemark_migrations (name) VALUES (?)")
            for migration in Schema.migrations(for: database.dialect) where !done.contains(migration.name) {
                try database.execute(migration.sql(database.dialect))
                try record.run([.text(migration.name)])
            }
            if !projectName.isEmpty {
                try database.prepare("UPDATE projects SET name = ? WHERE name = ''").run([.text(projectName)])
            }
        }
    }

    /// A consistent copy beside the history before an older schema is migrated.
    private static func backUp(_ database: SQLiteDatabase, before migration: String) throws(HistoryError) {
        let backup = "\(database.path).backup-before-\(migration)"
        if FileManager.default.fileExists(atPath: backup) { return }
        let escaped = backup.replacingOccurrences(of: "'", with: "''")
        try database.execute("VACUUM INTO '\(escaped)'")
    }
}
