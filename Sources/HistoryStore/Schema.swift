/// The history's schema as named migrations, applied in order and recorded in
/// `tidemark_migrations`. A history holding a name this list lacks was written by a newer Tidemark.
///
/// Versions:
/// 1. `2026-11-30-runs` — runs, components, per-file counts with paths stored once.
/// 2. `2026-11-30-line-data` — per-line data of the latest runs of each component.
/// 3. `2026-11-30-alerts` — alert conditions active now, and every alert raised.
/// 4. `2026-12-03-projects` — one history holds many projects (`Schema+Projects.swift`).
/// 5. `2026-12-05-bulk-checks` — PostgreSQL checks the references of `files` and `paths` per
///    statement, not per row (`Schema+BulkChecks.swift`). PostgreSQL only.
/// 6. `2026-12-06-file-counts` — each run's component's per-file counts in one value as well
///    (`Schema+FileCounts.swift`). Readers may lack it.
///
/// SQLite and PostgreSQL share the SQL; the words that differ come from `SQLDialect` (`d` below).
enum Schema {
    struct Migration: Sendable {
        let name: String
        /// The one database the migration is for; nil for both. The other neither applies nor
        /// needs it, and still knows its name (a history holding it is not from a newer Tidemark).
        var only: SQLDialect? = nil
        /// Whether a history without it can still be read: what it adds only makes reading faster,
        /// so `render` and `status` need not wait for a `record` to migrate.
        var readersMayLack = false
        let sql: @Sendable (SQLDialect) -> String
    }

    /// The migrations a history on `dialect` has when it is up to date, in order.
    static func migrations(for dialect: SQLDialect) -> [Migration] {
        migrations.filter { $0.only == nil || $0.only == dialect }
    }

    /// The migrations a reader of a history on `dialect` cannot do without, of `applied` lacks.
    static func missingForReading(_ applied: [String], on dialect: SQLDialect) -> [String] {
        migrations(for: dialect).filter { !$0.readersMayLack && !applied.contains($0.name) }.map(\.name)
    }

    static func migrationsTable(_ d: SQLDialect) -> String {
        """
        -- Which schema changes this history has had, in order.
        CREATE TABLE IF NOT EXISTS tidemark_migrations (
            name \(d.text) PRIMARY KEY NOT NULL  -- a migration's name from Schema.migrations
        )\(d.withoutRowID);
        """
    }

    static let migrations: [Migration] = [
        Migration(
            name: "2026-11-30-runs",
            sql: { d in
                """
                -- One row per recorded run.
                CREATE TABLE runs (
                    id \(d.rowID),        -- internal row id; never exported
                    identity \(d.text) NOT NULL UNIQUE, -- stable run id: SHA-256 of time, commit, branch \
                and component hashes
                    time \(d.integer) NOT NULL,         -- run time, seconds since 1970-01-01 UTC
                    commit_sha \(d.text),               -- commit measured, when known
                    branch \(d.text),                   -- branch measured, when known
                    build_url \(d.text)                 -- CI build page, when known
                );
                CREATE INDEX runs_by_time ON runs (time, id);

                -- One row per component of a run: counts, never rates.
                CREATE TABLE components (
                    run_id \(d.integer) NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
                    name \(d.text) NOT NULL,               -- component name ("python", "rust")
                    producer \(d.text),                    -- tool that wrote the report; NULL when none was read
                    status \(d.text) NOT NULL,             -- 'measured' or 'failed'
                    reason \(d.text),                      -- why the measurement failed; NULL when measured
                    lines_valid \(d.integer) NOT NULL,     -- lines that can be covered
                    lines_covered \(d.integer) NOT NULL,   -- lines with hits > 0
                    branches_valid \(d.integer) NOT NULL,  -- branch outcomes; 0 = not measured
                    branches_covered \(d.integer) NOT NULL,-- branch outcomes taken
                    tests \(d.integer),                    -- JUnit test cases; NULL when no JUnit file was given
                    passed \(d.integer),                   -- test cases that passed
                    failures \(d.integer),                 -- test cases with <failure>
                    errors \(d.integer),                   -- test cases with <error>
                    skipped \(d.integer),                  -- test cases with <skipped>
                    collection_errors \(d.integer),        -- errors that are pytest collection failures
                    content_hash \(d.text) NOT NULL,       -- SHA-256 of the component's input files, for dedupe
                    PRIMARY KEY (run_id, name)
                )\(d.withoutRowID);

                -- File paths, each stored once.
                CREATE TABLE paths (
                    id \(d.rowID),   -- referenced by files.path_id
                    path \(d.text) NOT NULL UNIQUE -- repository-relative key, or the name as written
                );

                -- One row per file of a component of a run.
                CREATE TABLE files (
                    run_id \(d.integer) NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
                    component \(d.text) NOT NULL,           -- the component's name
                    path_id \(d.integer) NOT NULL REFERENCES paths (id), -- the file
                    lines_valid \(d.integer) NOT NULL,      -- lines that can be covered
                    lines_covered \(d.integer) NOT NULL,    -- lines with hits > 0
                    branches_valid \(d.integer) NOT NULL,   -- branch outcomes
                    branches_covered \(d.integer) NOT NULL, -- branch outcomes taken
                    PRIMARY KEY (run_id, component, path_id)
                )\(d.withoutRowID);
                """
            }),
        Migration(
            name: "2026-11-30-line-data",
            sql: { d in
                """
                -- Per-line data (hits, branches, missing branches) of the two latest runs of each component,
                -- so file pages and newly uncovered lines need no XML. Older rows are deleted on record.
                CREATE TABLE line_data (
                    run_id \(d.integer) NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
                    component \(d.text) NOT NULL, -- the component's name
                    report \(d.blob) NOT NULL,    -- zlib-compressed ReportArchive of the component's report
                    PRIMARY KEY (run_id, component)
                )\(d.withoutRowID);
                """
            }),
        Migration(
            name: "2026-11-30-alerts",
            sql: { d in
                """
                -- The alert conditions active after the latest run, so the next run alerts only on changes.
                CREATE TABLE alert_state (
                    condition \(d.text) PRIMARY KEY NOT NULL, -- component and condition ("python line level")
                    value \(d.text) NOT NULL                  -- its value ("approaching", "3")
                )\(d.withoutRowID);

                -- Every alert raised: when a condition started, grew or cleared.
                CREATE TABLE alert_events (
                    id \(d.rowID),                                         -- order of raising
                    run_id \(d.integer) NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run that raised it
                    component \(d.text) NOT NULL, -- the component's name
                    condition \(d.text) NOT NULL, -- the condition it belongs to (alert_state.condition)
                    kind \(d.text) NOT NULL,      -- target-reached, approaching, drop, collection-errors, …
                    severity \(d.text) NOT NULL,  -- info, warning or error
                    message \(d.text) NOT NULL    -- the sentence shown to people
                );
                """
            }),
        projects,
        bulkChecks,
        fileCounts,
    ]
}
