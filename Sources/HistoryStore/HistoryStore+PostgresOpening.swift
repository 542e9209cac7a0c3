import Foundation

extension HistoryStore {
    /// The advisory lock key that serialises migrations of one database ("tidemark" in ASCII).
    static let migrationLock = 8_388_346_167_743_836_779

    /// Connects to a PostgreSQL history. Its tables live in the schema `tidemark`, read before
    /// anything is written: a schema of another program, or one migrated by a newer Tidemark, is
    /// refused. A read-only session cannot write at all (`default_transaction_read_only`); a
    /// database without the schema reads as an empty history, without creating it.
    static func openPostgres(
        _ url: String, location: HistoryLocation, access: Access, lockTimeout: TimeInterval, projectName: String
    ) throws(HistoryError) -> any DatabaseConnection {
        let database = try PostgresDatabase(
            url: url, name: location.display, secret: location.urlPassword, lockTimeout: lockTimeout)
        let contents = try postgresContents(database)
        if case .foreign(let tables) = contents { throw .foreignDatabase(path: database.name, tables: tables) }
        let applied: [String]
        if case .tidemark(let names) = contents { applied = names } else { applied = [] }
        try refuseNewer(applied, path: database.name)
        let missing = Schema.migrations(for: .postgres).map(\.name).filter { !applied.contains($0) }
        switch access {
        case .readOnly:
            try database.execute("SET default_transaction_read_only = on")
            if contents == .empty { return try emptyHistory(database.name) }
            let needed = Schema.missingForReading(applied, on: .postgres)
            if !needed.isEmpty { throw .olderSchema(path: database.name, missingMigrations: needed) }
        case .readWrite:
            if !missing.isEmpty {
                try applyMigrations(
                    database, projectName: projectName,
                    lock: """
                        SELECT pg_advisory_xact_lock(\(migrationLock));
                        DO $$ BEGIN
                            -- Not CREATE SCHEMA IF NOT EXISTS: that needs the right to create schemas even
                            -- when the schema is there, and a DBA may have made it for a user without it.
                            IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '\(PostgresDatabase.schema)') THEN
                                CREATE SCHEMA \(PostgresDatabase.schema);
                            END IF;
                        END $$
                        """)
            }
        }
        return database
    }

    /// What the schema `tidemark` holds: nothing (or no schema), Tidemark's tables, or others'.
    private static func postgresContents(_ database: PostgresDatabase) throws(HistoryError) -> Contents {
        var tables: [String] = []
        try database.prepare("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename")
            .query([.text(PostgresDatabase.schema)]) { row in tables.append(row.text(0)) }
        if tables.isEmpty { return .empty }
        guard tables.contains("tidemark_migrations") else { return .foreign(tables: tables) }
        // Without USAGE on the schema its tables "do not exist" for this role: say what is missing.
        let schema = PostgresDatabase.schema
        guard try database.prepare("SELECT has_schema_privilege(?, 'USAGE')").text([.text(schema)]) == "t" else {
            throw .io(
                path: database.name,
                message: "this role may not use the schema \(schema), which holds the history; the schema's owner "
                    + "can allow it: GRANT USAGE ON SCHEMA \(schema) TO <role>, and SELECT (and, to record, INSERT, "
                    + "UPDATE, DELETE) ON ALL TABLES IN SCHEMA \(schema)")
        }
        var names: [String] = []
        try database.prepare("SELECT name FROM tidemark_migrations").query { row in names.append(row.text(0)) }
        return .tidemark(applied: names)
    }
}
