extension Schema {
    /// Each run's component's per-file counts as one value beside its `files` rows: the path ids and
    /// the four counts (`FileCounts`), written in the same statement batch as the rows.
    ///
    /// A render reads the files of the newest 20 runs for the sparklines and recent rates: 400 000
    /// rows for a 20 000-file project, 0.16 s of a 0.42 s cron tick on one core before any page
    /// could start. Twenty values are decoded in a few milliseconds. The rows stay what every other
    /// reader uses (exports, copies, pruning); a run without a value (recorded before this migration)
    /// is read from its rows.
    ///
    /// Readers do not need it (`readersMayLack`): a history not yet written by this version still
    /// renders, from the rows.
    static let fileCounts = Migration(name: "2026-12-06-file-counts", readersMayLack: true) { d in
        """
        -- Each run's component's files in one value: path ids and counts, as its files rows hold them.
        CREATE TABLE file_counts (
            run_id \(d.integer) NOT NULL REFERENCES runs (id) ON DELETE CASCADE, -- the run
            component \(d.text) NOT NULL, -- the component's name
            counts \(d.blob) NOT NULL,    -- FileCounts: format byte, file count, then per file varints
            PRIMARY KEY (run_id, component)
        )\(d.withoutRowID);
        """
    }
}
