import Concurrency
import CoverageModel
import Foundation

/// What recording a run did.
public enum RecordOutcome: Equatable, Sendable {
    /// The run was added under this id.
    case recorded(id: String)
    /// The inputs equal the latest run's (same commit): nothing was added.
    case duplicate(ofRunID: String)
}

/// What recording a run did, with the alerts it raised.
public struct RecordResult: Sendable {
    public let outcome: RecordOutcome
    /// The alerts raised by the run; none for a backfill or a duplicate.
    public let alerts: [Alert]
    /// When the run is older than the newest run already recorded (a backfill): that run's time.
    public let newerRunTime: Date?
}

extension HistoryStore {
    /// How many recent measured runs of each component keep their per-line data.
    static let lineDataRuns = 2

    /// Adds a run in one transaction, unless its inputs equal the latest run's (same commit).
    /// - Throws: `HistoryError`; on any error nothing of the run is stored.
    public func record(_ run: Run) throws(HistoryError) -> RecordOutcome {
        try record(run, archives: nil, evaluate: nil).outcome
    }

    /// Adds a run and evaluates the alert rules against the history, inside the same transaction,
    /// so concurrent recorders never double an alert.
    ///
    /// The rules always look at the newest run by time. When the added run is older than the
    /// newest (a backfill), the state is recomputed for the newest run, so nothing stale is left
    /// from before, but no alert is raised: the run is the past, not news.
    /// - Parameter evaluate: the rules; given every run (oldest first, files for the last two) and
    ///   the state after the previous newest run.
    /// - Parameter archives: the run's line archives, begun earlier (`LineArchives(run)`); begun here
    ///   when not given.
    public func record(_ run: Run, archives: LineArchives? = nil, evaluate: AlertEvaluator?) throws(HistoryError)
        -> RecordResult
    {
        let id = RunIdentity.id(
            time: run.time, source: run.source, components: run.components.map { ($0.name, $0.contentHash) })
        // An append: the run's rows refer to the run, the project and the paths of `PathTable`, each
        // read or added in this transaction; line data and alert state are the only rows deleted.
        return try writeToProject(.append) { project throws(HistoryError) -> RecordResult in
            if let duplicate = try duplicateOfLatest(run, id: id) {
                return RecordResult(outcome: .duplicate(ofRunID: duplicate), alerts: [], newerRunTime: nil)
            }
            let newest = try database.prepare("SELECT max(time) FROM runs WHERE project_id = ?").integer([
                .integer(project)
            ])
            .map { seconds throws(HistoryError) in try storedTime(Int(seconds), of: "the newest run") }
            let stored = run.time.timeIntervalSince1970.rounded(.down)
            let newerRunTime = newest.flatMap { $0.timeIntervalSince1970 > stored ? $0 : nil }
            // The line archives (`LineArchives`, deflated on another core; `RunRecorder` begins them
            // before the history is opened) are made while the rows go in: on a large report each is
            // a fair share of recording, and neither needs the other.
            let archives = archives ?? LineArchives(run)
            precondition(
                archives.names == run.components.compactMap { $0.report == nil ? nil : $0.name },
                "record: line archives of another run")
            let summary = run.summary(id: id)
            let inserted = try insert([summary], project: project)
            let rowID = inserted.rowIDs[0]
            // The alert rules need the runs' rows, not the line archives: they are evaluated while the
            // archives are still being compressed. A 20 000-file record into 1 000 earlier runs waited
            // 10-12 ms for the archives, then read the runs for 11 ms on one core.
            var alerts: [Alert] = []
            if let evaluate {
                // The new run's files as they were given, not read back (20 000 rows of a large report).
                let history = try loadRuns(
                    filesForLatest: 2, known: WrittenRun(rowID: rowID, run: summary, pathIDs: inserted.pathIDs))
                let result = evaluate(history, try loadAlertState())
                alerts = newerRunTime == nil ? result.alerts : []
                try storeAlerts(alerts, state: result.state, runRowID: rowID)
            }
            let store = try database.prepare("INSERT INTO line_data (run_id, component, report) VALUES (?, ?, ?)")
            for (name, archive) in archives.wait() {
                try store.run([.integer(rowID), .text(name), .blob(archive)])
            }
            try dropOldLineData(for: run.components.map(\.name))
            return RecordResult(outcome: .recorded(id: id), alerts: alerts, newerRunTime: newerRunTime)
        }
    }

    /// Adds runs from an export, skipping those already present by id. Runs go in in batches (a
    /// statement per run would be a round trip per run to a server).
    /// - Returns: how many runs were added.
    public func importRuns(_ runs: [RunSummary]) throws(HistoryError) -> Int {
        try writeToProject(.append) { project throws(HistoryError) -> Int in
            var present: Set<String> = []
            try database.prepare("SELECT identity FROM runs WHERE project_id = ?").query([.integer(project)]) { row in
                present.insert(row.text(0))
            }
            let missing = runs.filter { present.insert($0.id).inserted }
            for start in stride(from: 0, to: missing.count, by: Self.importBatch) {
                _ = try insert(
                    Array(missing[start..<min(start + Self.importBatch, missing.count)]), project: project)
            }
            return missing.count
        }
    }

    /// Runs inserted per statement when importing.
    static let importBatch = 200

    /// Removes runs: all but the newest `keep`, and/or those older than `cutoff`.
    /// - Returns: how many runs were removed.
    public func prune(keep: Int?, olderThan cutoff: Date?) throws(HistoryError) -> Int {
        try writeToProject { project throws(HistoryError) -> Int in
            var doomed: [Int64] = []
            var index = 0
            try database.prepare("SELECT id, time FROM runs WHERE project_id = ? ORDER BY time DESC, id DESC")
                .query([.integer(project)]) { row in
                    let tooMany = keep.map { index >= $0 } ?? false
                    let tooOld = cutoff.map { row.int(1) < Int($0.timeIntervalSince1970) } ?? false
                    if tooMany || tooOld { doomed.append(Int64(row.int(0))) }
                    index += 1
                }
            for chunk in Self.chunks(doomed, of: 500) {
                try database.prepare("DELETE FROM runs WHERE id IN (\(Self.placeholders(chunk.count)))")
                    .run(chunk.map { .integer($0) })
            }
            try database.prepare(
                """
                DELETE FROM paths WHERE project_id = ?1 AND id NOT IN (
                    SELECT files.path_id FROM files JOIN runs ON runs.id = files.run_id WHERE runs.project_id = ?1)
                """
            ).run([.integer(project)])
            return doomed.count
        }
    }

    // MARK: - Rows

    private func duplicateOfLatest(_ run: Run, id: String) throws(HistoryError) -> String? {
        if try database.prepare("SELECT 1 FROM runs WHERE project_id = ? AND identity = ?").integer([
            projectKey, .text(id),
        ])
            != nil
        {
            return id
        }
        var latest: (row: Int64, identity: String, commit: String?)?
        try database.prepare(
            """
            SELECT id, identity, commit_sha FROM runs WHERE project_id = ? ORDER BY time DESC, id DESC LIMIT 1
            """
        ).query([projectKey]) { row in latest = (Int64(row.int(0)), row.text(1), row.optionalText(2)) }
        guard let latest, latest.commit == run.source.commit else { return nil }
        var hashes: [String: String] = [:]
        try database.prepare("SELECT name, content_hash FROM components WHERE run_id = ?").query([.integer(latest.row)])
        {
            row in hashes[row.text(0)] = row.text(1)
        }
        let current = Dictionary(run.components.map { ($0.name, $0.contentHash) }, uniquingKeysWith: { $1 })
        return hashes == current ? latest.identity : nil
    }

    /// What `insert` added: the runs' row ids, in order, and their files' path ids, in the order of
    /// the runs, their components and their files.
    struct Inserted {
        let rowIDs: [Int64]
        let pathIDs: [Int64]
    }

    /// Inserts runs, in order, with their components and files: the runs in one statement, their
    /// components and files in bulk.
    func insert(_ runs: [RunSummary], project: Int64) throws(HistoryError) -> Inserted {
        var values: [SQLValue] = []
        for run in runs {
            values += [
                .integer(project), .text(run.id), .integer(Int64(run.time.timeIntervalSince1970.rounded(.down))),
                .optional(run.source.commit), .optional(run.source.branch), .optional(run.source.buildURL),
            ]
        }
        var ids: [String: Int64] = [:]
        try database.prepare(
            """
            INSERT INTO runs (project_id, identity, time, commit_sha, branch, build_url)
            VALUES \(Self.rows(runs.count, columns: 6)) RETURNING id, identity
            """
        ).query(values) { row in ids[row.text(1)] = Int64(row.int(0)) }
        let rowIDs = runs.compactMap { ids[$0.id] }
        guard rowIDs.count == runs.count else {
            throw .io(path: path, message: "the database did not return every run's id")
        }
        // Every file's path id, in the order of the runs, their components and their files.
        let pathIDs = try PathTable(database: database, project: project).ids(
            for: runs.flatMap { $0.components.flatMap { $0.files.map(\.path) } })
        var nextPath = 0
        var components: [[SQLValue]] = []
        var files: [SQLValue] = []
        files.reserveCapacity(7 * runs.reduce(0) { $0 + $1.components.reduce(0) { $0 + $1.files.count } })
        var fileCounts: [[SQLValue]] = []
        for (run, rowID) in zip(runs, rowIDs) {
            for entry in run.components {
                components.append(Self.componentRow(entry, run: rowID))
                var counted: [(pathID: Int64, counts: Counts)] = []
                counted.reserveCapacity(entry.files.count)
                let component = SQLValue.text(entry.name)
                for summary in entry.files {
                    let (pathID, counts) = (pathIDs[nextPath], summary.counts)
                    nextPath += 1
                    files.append(.integer(rowID))
                    files.append(component)
                    files.append(.integer(pathID))
                    files.append(.int(counts.linesValid))
                    files.append(.int(counts.linesCovered))
                    files.append(.int(counts.branchesValid))
                    files.append(.int(counts.branchesCovered))
                    counted.append((pathID, counts))
                }
                fileCounts.append([.integer(rowID), .text(entry.name), .blob(FileCounts.encode(counted))])
            }
        }
        try database.insertRows(into: "components", columns: Self.componentInsertColumns, rows: components)
        try database.insertRows(
            into: "files",
            columns: [
                "run_id", "component", "path_id", "lines_valid", "lines_covered", "branches_valid", "branches_covered",
            ],
            values: files)
        // The same files as one value per component, for the readers of the newest runs (`FileCounts`).
        try database.insertRows(into: "file_counts", columns: ["run_id", "component", "counts"], rows: fileCounts)
        return Inserted(rowIDs: rowIDs, pathIDs: pathIDs)
    }

    static let componentInsertColumns = [
        "run_id", "name", "producer", "status", "reason", "lines_valid", "lines_covered", "branches_valid",
        "branches_covered", "tests", "passed", "failures", "errors", "skipped", "collection_errors", "content_hash",
    ]

    private static func componentRow(_ entry: ComponentSummary, run rowID: Int64) -> [SQLValue] {
        let counts = entry.counts
        let tests = entry.tests
        return [
            .integer(rowID), .text(entry.name), .optional(entry.producer?.rawValue), .text(entry.status.name),
            .optional(entry.status.reason), .int(counts.linesValid), .int(counts.linesCovered),
            .int(counts.branchesValid), .int(counts.branchesCovered), .optional(tests?.tests),
            .optional(tests?.passed), .optional(tests?.failures), .optional(tests?.errors),
            .optional(tests?.skipped), .optional(tests?.collectionErrors), .text(entry.contentHash),
        ]
    }

    /// Keeps per-line data only for the latest runs of each component that have any. A failed
    /// measurement stores none, so these are the newest *measured* runs: when the latest run of a
    /// component failed, the last good run's pages can still be drawn (with a stale banner).
    ///
    /// The few rows of `line_data` are listed first (`lineDataNewestFirst`), then the old ones are
    /// deleted by key: a query led by `runs` would look `line_data` up once per run, 40 ms for 1 000
    /// runs, because a key lookup among SQLite rows of a megabyte each reads their whole archives.
    func dropOldLineData(for components: [String]) throws(HistoryError) {
        let list = try database.prepare(Self.lineDataNewestFirst(columns: "line_data.run_id", limit: ""))
        let delete = try database.prepare("DELETE FROM line_data WHERE run_id = ? AND component = ?")
        for name in components {
            var kept: [Int64] = []
            try list.query([.text(name), projectKey]) { row in kept.append(Int64(row.int(0))) }
            for runID in kept.dropFirst(Self.lineDataRuns) { try delete.run([.integer(runID), .text(name)]) }
        }
    }

    /// The runs that kept per-line data for the component `?1` of the project `?2`, newest first.
    /// `line_data` leads (`CROSS JOIN` fixes the order in SQLite) because it holds a few rows per
    /// component while `runs` may hold thousands (see `dropOldLineData`).
    static func lineDataNewestFirst(columns: String, limit: String) -> String {
        """
        SELECT \(columns) FROM line_data CROSS JOIN runs
        WHERE runs.id = line_data.run_id AND line_data.component = ?1 AND runs.project_id = ?2
        ORDER BY runs.time DESC, runs.id DESC\(limit)
        """
    }

    // MARK: - SQL lists

    /// `?, ?, ?` for `count` values.
    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// `(?, ?), (?, ?)` for `count` rows of `columns` values.
    static func rows(_ count: Int, columns: Int) -> String {
        Array(repeating: "(" + placeholders(columns) + ")", count: count).joined(separator: ", ")
    }

    static func chunks<T>(_ values: [T], of size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: values.count, by: size).map { values[$0..<min($0 + size, values.count)] }
    }
}
