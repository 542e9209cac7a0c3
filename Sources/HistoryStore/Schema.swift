/// The history's schema as named migrations, applied in order and recorded in
/// `tidemark_migrations`. A history holding a name this list lacks was written by a newer Tidemark.
///
/// Versions:
/// 1. `2026-11-30-runs` — runs, components, per-file counts with paths stored once.
/// 2. `2026-11-30-line-data` — per-line data of the latest runs of each component.
/// 3. `2026-11-30-alerts` — alert conditions active now, and every alert raised.
enum Schema {
    struct Migration {
        let name: String
        let sql: String
    }

    static let migrationsTable = """
        -- Which schema changes this history has had, in order.
        CREATE TABLE IF NOT EXISTS tidemark_migrations (
            name TEXT PRIMARY KEY NOT NULL  -- a migration's name from Schema.migrations
        ) WITHOUT ROWID;
        """

    static let migrations: [Migration] = [
        Migration(
            name: "2026-11-30-runs",
            sql: """
                -- One row per recorded run.
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,        -- internal row id; never exported
                    identity TEXT NOT NULL UNIQUE, -- stable run id: SHA-256 of time, commit, branch and component hashes
                    time INTEGER NOT NULL,         -- run time, seconds since 1970-01-01 UTC
                    commit_sha TEXT,               -- commit measured, when known
                    branch TEXT,                   -- branch measured, when known
                    build_url TEXT                 -- CI build page, when known
                );
                CREATE INDEX runs_by_time ON runs (time, id);

                -- One row per component of a run: counts, never rates.
                CREATE TABLE components (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
                    name TEXT NOT NULL,               -- component name ("python", "rust")
                    producer TEXT,                    -- tool that wrote the report; NULL when none was read
                    status TEXT NOT NULL,             -- 'measured' or 'failed'
                    reason TEXT,                      -- why the measurement failed; NULL when measured
                    lines_valid INTEGER NOT NULL,     -- lines that can be covered
                    lines_covered INTEGER NOT NULL,   -- lines with hits > 0
                    branches_valid INTEGER NOT NULL,  -- branch outcomes; 0 = not measured
                    branches_covered INTEGER NOT NULL,-- branch outcomes taken
                    tests INTEGER,                    -- JUnit test cases; NULL when no JUnit file was given
                    passed INTEGER,                   -- test cases that passed
                    failures INTEGER,                 -- test cases with <failure>
                    errors INTEGER,                   -- test cases with <error>
                    skipped INTEGER,                  -- test cases with <skipped>
                    collection_errors INTEGER,        -- errors that are pytest collection failures
                    content_hash TEXT NOT NULL,       -- SHA-256 of the component's input files, for dedupe
                    PRIMARY KEY (run_id, name)
                ) WITHOUT ROWID;

                -- File paths, each stored once.
                CREATE TABLE paths (
                    id INTEGER PRIMARY KEY,   -- referenced by files.path_id
                    path TEXT NOT NULL UNIQUE -- repository-relative key, or the name as written
                );

                -- One row per file of a component of a run.
                CREATE TABLE files (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
                    component TEXT NOT NULL,           -- the component's name
                    path_id INTEGER NOT NULL REFERENCES paths (id), -- the file
                    lines_valid INTEGER NOT NULL,      -- lines that can be covered
                    lines_covered INTEGER NOT NULL,    -- lines with hits > 0
                    branches_valid INTEGER NOT NULL,   -- branch outcomes
                    branches_covered INTEGER NOT NULL, -- branch outcomes taken
                    PRIMARY KEY (run_id, component, path_id)
                ) WITHOUT ROWID;
                """),
        Migration(
            name: "2026-11-30-line-data",
            sql: """
                -- Per-line data (hits, branches, missing branches) of the two latest runs of each component,
                -- so file pages and newly uncovered lines need no XML. Older rows are deleted on record.
                CREATE TABLE line_data (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
                    component TEXT NOT NULL, -- the component's name
                    report BLOB NOT NULL,    -- zlib-compressed ReportArchive of the component's report
                    PRIMARY KEY (run_id, component)
                ) WITHOUT ROWID;
                """),
        Migration(
            name: "2026-11-30-alerts",
            sql: """
                -- The alert conditions active after the latest run, so the next run alerts only on changes.
                CREATE TABLE alert_state (
                    condition TEXT PRIMARY KEY NOT NULL, -- component and condition ("python line level")
                    value TEXT NOT NULL                  -- its value ("approaching", "3")
                ) WITHOUT ROWID;

                -- Every alert raised: when a condition started, grew or cleared.
                CREATE TABLE alert_events (
                    id INTEGER PRIMARY KEY,                                         -- order of raising
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run that raised it
                    component TEXT NOT NULL, -- the component's name
                    condition TEXT NOT NULL, -- the condition it belongs to (alert_state.condition)
                    kind TEXT NOT NULL,      -- target-reached, approaching, drop, collection-errors, …
                    severity TEXT NOT NULL,  -- info, warning or error
                    message TEXT NOT NULL    -- the sentence shown to people
                );
                """),
    ]
}
