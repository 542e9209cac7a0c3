extension Schema {
    /// PostgreSQL checks the references of the two bulk tables, `files` and `paths`, once per
    /// statement instead of once per row.
    ///
    /// A foreign key on PostgreSQL runs a trigger for every inserted row, and each trigger locks the
    /// row it found (`FOR KEY SHARE`). Recording a 50 000-file run spent 0.77 s of its 1.7 s of
    /// server time in those 100 000 triggers, and made recording on PostgreSQL twice as slow as on
    /// SQLite (issue 15). Statement triggers over the inserted rows (transition tables) check the
    /// same references in one join, about 0.05 s, and check more: a file's path must belong to the
    /// project of the file's run.
    ///
    /// Concurrency stays that of the foreign keys it replaces. Writers of one project already hold
    /// the project's row (`writeToProject` counts up its revision first), and a check locks the
    /// projects it checks against: an inserted file takes `FOR SHARE` on its run's project, and a
    /// statement deleting paths takes `FOR NO KEY UPDATE` on theirs before looking for their files.
    /// So a path cannot be deleted while an uncommitted file still points at it, by Tidemark or by
    /// hand. Runs are locked `FOR KEY SHARE`, as a foreign key would, and deleting a run still
    /// deletes its files (a statement trigger, for the `ON DELETE CASCADE`).
    ///
    /// SQLite keeps its foreign keys: its per-row check is a B-tree lookup in the same process,
    /// and it has no statement triggers with transition tables.
    static let bulkChecks = Migration(name: "2026-12-05-bulk-checks", only: .postgres) { _ in postgresBulkChecks }

    private static let postgresBulkChecks = """
        ALTER TABLE files DROP CONSTRAINT files_run_id_fkey;
        ALTER TABLE files DROP CONSTRAINT files_path_id_fkey;
        ALTER TABLE paths DROP CONSTRAINT paths_project_id_fkey;

        -- Files added or changed: their runs and paths exist, and each path is of its run's project.
        CREATE FUNCTION files_references() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM 1 FROM runs JOIN projects ON projects.id = runs.project_id
                WHERE runs.id IN (SELECT DISTINCT run_id FROM changed)
                FOR KEY SHARE OF runs FOR SHARE OF projects;
            IF EXISTS (
                SELECT 1 FROM changed
                LEFT JOIN runs ON runs.id = changed.run_id
                LEFT JOIN paths ON paths.id = changed.path_id
                WHERE runs.id IS NULL OR paths.id IS NULL OR paths.project_id <> runs.project_id
            ) THEN
                RAISE foreign_key_violation USING
                    MESSAGE = 'a file row names a run or path that is not there, or a path of another project';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER files_inserted AFTER INSERT ON files
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION files_references();
        CREATE TRIGGER files_updated AFTER UPDATE ON files
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION files_references();

        -- Paths added or changed: their projects exist.
        CREATE FUNCTION paths_references() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM 1 FROM projects WHERE id IN (SELECT DISTINCT project_id FROM changed) FOR KEY SHARE;
            IF EXISTS (
                SELECT 1 FROM changed LEFT JOIN projects ON projects.id = changed.project_id WHERE projects.id IS NULL
            ) THEN
                RAISE foreign_key_violation USING MESSAGE = 'a path row names a project that is not there';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER paths_inserted AFTER INSERT ON paths
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION paths_references();
        CREATE TRIGGER paths_updated AFTER UPDATE ON paths
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION paths_references();

        -- Paths removed, renumbered or moved to another project: no file names them (checked after
        -- waiting for the writers of their projects).
        CREATE FUNCTION paths_unreferenced() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            PERFORM 1 FROM projects WHERE id IN (SELECT DISTINCT project_id FROM gone) FOR NO KEY UPDATE;
            IF EXISTS (
                SELECT 1 FROM gone
                WHERE NOT EXISTS (SELECT 1 FROM paths WHERE paths.id = gone.id AND paths.project_id = gone.project_id)
                AND EXISTS (SELECT 1 FROM files WHERE files.path_id = gone.id)
            ) THEN
                RAISE foreign_key_violation USING MESSAGE = 'a path row still named by files cannot be removed';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER paths_deleted AFTER DELETE ON paths
            REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION paths_unreferenced();
        CREATE TRIGGER paths_renumbered AFTER UPDATE ON paths
            REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION paths_unreferenced();

        -- Runs removed: their files go with them. Runs renumbered or moved: refused while files name them.
        CREATE FUNCTION runs_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            DELETE FROM files WHERE run_id = ANY (ARRAY(SELECT id FROM gone)); -- through the index
            RETURN NULL;
        END $$;
        CREATE TRIGGER runs_deleted AFTER DELETE ON runs
            REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION runs_deleted();
        CREATE FUNCTION runs_renumbered() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF EXISTS (
                SELECT 1 FROM gone
                WHERE NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = gone.id AND runs.project_id = gone.project_id)
                AND EXISTS (SELECT 1 FROM files WHERE files.run_id = gone.id)
            ) THEN
                RAISE foreign_key_violation USING MESSAGE = 'a run row still named by files cannot be renumbered';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER runs_renumbered AFTER UPDATE ON runs
            REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION runs_renumbered();

        -- Projects removed or renumbered: no path names them.
        CREATE FUNCTION projects_unreferenced() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF EXISTS (
                SELECT 1 FROM gone
                WHERE NOT EXISTS (SELECT 1 FROM projects WHERE projects.id = gone.id)
                AND EXISTS (SELECT 1 FROM paths WHERE paths.project_id = gone.id)
            ) THEN
                RAISE foreign_key_violation USING MESSAGE = 'a project row still named by paths cannot be removed';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER projects_deleted AFTER DELETE ON projects
            REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION projects_unreferenced();
        CREATE TRIGGER projects_renumbered AFTER UPDATE ON projects
            REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION projects_unreferenced();
        """
}
