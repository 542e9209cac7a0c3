extension Schema {
    /// Many projects (repositories) in one history. Runs, the alert state and paths belong to a
    /// project; components, files, line data and alert events follow their run. A run's id is unique
    /// within its project, so the same measurement can be recorded by two projects.
    ///
    /// An SQLite history of an older Tidemark keeps its runs: they go to project 1, named by the
    /// first command that opens it (`HistoryStore.nameMigratedProject`). SQLite cannot change a
    /// table's keys in place, so its tables are rebuilt (foreign keys are off while migrating);
    /// PostgreSQL histories are new, and alter theirs.
    static let projects = Migration(name: "2026-12-03-projects") { d in
        let projects = """
            -- One row per project (repository) whose runs the history holds.
            CREATE TABLE projects (
                id \(d.rowID),                     -- internal row id
                name \(d.text) NOT NULL UNIQUE,      -- --project: letters, digits, '.', '_', '-'
                revision \(d.integer) NOT NULL DEFAULT 0 -- counts the changes to the project's runs
            );
            """
        let indexes = """
            CREATE INDEX runs_by_project_time ON runs (project_id, time, id);
            CREATE INDEX files_by_path ON files (path_id);        -- pruning paths checks their files
            CREATE INDEX alert_events_by_run ON alert_events (run_id); -- pruning runs deletes their alerts
            """
        return d == .sqlite ? projects + sqliteRebuild + indexes : projects + postgresAlter + indexes
    }

    private static let sqliteRebuild = """
        INSERT INTO projects (id, name) SELECT 1, '' WHERE EXISTS (SELECT 1 FROM runs)
            OR EXISTS (SELECT 1 FROM alert_state) OR EXISTS (SELECT 1 FROM paths);

        CREATE TABLE runs_new (
            id INTEGER PRIMARY KEY,                              -- internal row id; never exported
            project_id INTEGER NOT NULL REFERENCES projects (id), -- the project the run belongs to
            identity TEXT NOT NULL,  -- stable run id: SHA-256 of time, commit, branch and component hashes
            time INTEGER NOT NULL,   -- run time, seconds since 1970-01-01 UTC
            commit_sha TEXT,         -- commit measured, when known
            branch TEXT,             -- branch measured, when known
            build_url TEXT,          -- CI build page, when known
            UNIQUE (project_id, identity)
        );
        INSERT INTO runs_new (id, project_id, identity, time, commit_sha, branch, build_url)
            SELECT id, 1, identity, time, commit_sha, branch, build_url FROM runs;
        DROP TABLE runs;
        ALTER TABLE runs_new RENAME TO runs;

        CREATE TABLE alert_state_new (
            project_id INTEGER NOT NULL REFERENCES projects (id), -- the project
            condition TEXT NOT NULL, -- component and condition ("python line level")
            value TEXT NOT NULL,     -- its value ("approaching", "3")
            PRIMARY KEY (project_id, condition)
        ) WITHOUT ROWID;
        INSERT INTO alert_state_new (project_id, condition, value) SELECT 1, condition, value FROM alert_state;
        DROP TABLE alert_state;
        ALTER TABLE alert_state_new RENAME TO alert_state;

        CREATE TABLE paths_new (
            id INTEGER PRIMARY KEY,                              -- referenced by files.path_id
            project_id INTEGER NOT NULL REFERENCES projects (id), -- the project whose files these are
            path TEXT NOT NULL,                                  -- repository-relative key, or the name as written
            UNIQUE (project_id, path)
        );
        INSERT INTO paths_new (id, project_id, path) SELECT id, 1, path FROM paths;
        DROP TABLE paths;
        ALTER TABLE paths_new RENAME TO paths;
        DROP INDEX IF EXISTS runs_by_time;

        """

    private static let postgresAlter = """
        ALTER TABLE runs ADD COLUMN project_id BIGINT NOT NULL REFERENCES projects (id);
        ALTER TABLE runs DROP CONSTRAINT runs_identity_key;
        ALTER TABLE runs ADD UNIQUE (project_id, identity);
        DROP INDEX runs_by_time;

        ALTER TABLE alert_state ADD COLUMN project_id BIGINT NOT NULL REFERENCES projects (id);
        ALTER TABLE alert_state DROP CONSTRAINT alert_state_pkey;
        ALTER TABLE alert_state ADD PRIMARY KEY (project_id, condition);

        ALTER TABLE paths ADD COLUMN project_id BIGINT NOT NULL REFERENCES projects (id);
        ALTER TABLE paths DROP CONSTRAINT paths_path_key;
        ALTER TABLE paths ADD UNIQUE (project_id, path);

        """
}
