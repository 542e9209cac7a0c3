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
        try record(run, evaluate: nil).outcome
    }

    /// Adds a run and evaluates the alert rules against the history, inside the same transaction,
    /// so concurrent recorders never double an alert.
    ///
    /// The rules always look at the newest run by time. When the added run is older than the
    /// newest (a backfill), the state is recomputed for the newest run, so nothing stale is left
    /// from before, but no alert is raised: the run is the past, not news.
    /// - Parameter evaluate: the rules; given every run (oldest first, files for the last two) and
    ///   the state after the previous newest run.
    public func record(_ run: Run, evaluate: AlertEvaluator?) throws(HistoryError) -> RecordResult {
        let id = RunIdentity.id(
            time: run.time, source: run.source, components: run.components.map { ($0.name, $0.contentHash) })
        return try database.writeTransaction { () throws(HistoryError) -> RecordResult in
            if let duplicate = try duplicateOfLatest(run, id: id) {
                return RecordResult(outcome: .duplicate(ofRunID: duplicate), alerts: [], newerRunTime: nil)
            }
            var newest: Date?
            try database.prepare("SELECT max(time) FROM runs").query { row in
                if !row.isNull(0) { newest = Date(timeIntervalSince1970: TimeInterval(row.int(0))) }
            }
            let stored = run.time.timeIntervalSince1970.rounded(.down)
            let newerRunTime = newest.flatMap { $0.timeIntervalSince1970 > stored ? $0 : nil }
            // The line archives (zlib) are made on another core while the rows go in: on a large
            // report each is a fair share of recording, and neither needs the other.
            let measured = run.components.compactMap { component in component.report.map { (component.name, $0, component.tests) } }
            let archives = Slots<Data>(count: measured.count)
            let encoding = DispatchGroup()
            DispatchQueue.global().async(group: encoding) {
                for (index, entry) in measured.enumerated() { archives.set(index, ReportArchive.encode(entry.1, tests: entry.2)) }
            }
            let rowID = try insert(run.summary(id: id))
            encoding.wait()
            let store = try database.prepare("INSERT INTO line_data (run_id, component, report) VALUES (?, ?, ?)")
            for (index, entry) in measured.enumerated() {
                guard let archive = archives.get(index) else { continue }
                try store.run([.integer(rowID), .text(entry.0), .blob(archive)])
            }
            try dropOldLineData(for: run.components.map(\.name))
            var alerts: [Alert] = []
            if let evaluate {
                let result = evaluate(try loadRuns(filesForLatest: 2), try loadAlertState())
                alerts = newerRunTime == nil ? result.alerts : []
                try storeAlerts(alerts, state: result.state, runRowID: rowID)
            }
            return RecordResult(outcome: .recorded(id: id), alerts: alerts, newerRunTime: newerRunTime)
        }
    }

    /// Adds runs from an export, skipping those already present by id.
    /// - Returns: how many runs were added.
    public func importRuns(_ runs: [RunSummary]) throws(HistoryError) -> Int {
        try database.writeTransaction { () throws(HistoryError) -> Int in
            let exists = try database.prepare("SELECT 1 FROM runs WHERE identity = ?")
            var added = 0
            for run in runs {
                var found = false
                try exists.query([.text(run.id)]) { _ in found = true }
                if found { continue }
                _ = try insert(run)
                added += 1
            }
            return added
        }
    }

    /// Removes runs: all but the newest `keep`, and/or those older than `cutoff`.
    /// - Returns: how many runs were removed.
    public func prune(keep: Int?, olderThan cutoff: Date?) throws(HistoryError) -> Int {
        try database.writeTransaction { () throws(HistoryError) -> Int in
            var doomed: [Int64] = []
            var index = 0
            try database.prepare("SELECT id, time FROM runs ORDER BY time DESC, id DESC").query { row in
                let tooMany = keep.map { index >= $0 } ?? false
                let tooOld = cutoff.map { row.int(1) < Int($0.timeIntervalSince1970) } ?? false
                if tooMany || tooOld { doomed.append(Int64(row.int(0))) }
                index += 1
            }
            let delete = try database.prepare("DELETE FROM runs WHERE id = ?")
            for id in doomed { try delete.run([.integer(id)]) }
            try database.execute("DELETE FROM paths WHERE id NOT IN (SELECT DISTINCT path_id FROM files)")
            return doomed.count
        }
    }

    // MARK: - Rows

    private func duplicateOfLatest(_ run: Run, id: String) throws(HistoryError) -> String? {
        var sameID = false
        try database.prepare("SELECT 1 FROM runs WHERE identity = ?").query([.text(id)]) { _ in sameID = true }
        if sameID { return id }
        var latest: (row: Int64, identity: String, commit: String?)?
        try database.prepare("SELECT id, identity, commit_sha FROM runs ORDER BY time DESC, id DESC LIMIT 1")
            .query { row in latest = (Int64(row.int(0)), row.text(1), row.optionalText(2)) }
        guard let latest, latest.commit == run.source.commit else { return nil }
        var hashes: [String: String] = [:]
        try database.prepare("SELECT name, content_hash FROM components WHERE run_id = ?").query([.integer(latest.row)]) {
            row in hashes[row.text(0)] = row.text(1)
        }
        let current = Dictionary(run.components.map { ($0.name, $0.contentHash) }, uniquingKeysWith: { $1 })
        return hashes == current ? latest.identity : nil
    }

    private func insert(_ run: RunSummary) throws(HistoryError) -> Int64 {
        try database.prepare("INSERT INTO runs (identity, time, commit_sha, branch, build_url) VALUES (?, ?, ?, ?, ?)")
            .run([
                .text(run.id), .integer(Int64(run.time.timeIntervalSince1970.rounded(.down))),
                .optional(run.source.commit), .optional(run.source.branch), .optional(run.source.buildURL),
            ])
        let rowID = database.lastInsertedRowID
        let component = try database.prepare("""
            INSERT INTO components (run_id, name, producer, status, reason, lines_valid, lines_covered,
                branches_valid, branches_covered, tests, passed, failures, errors, skipped, collection_errors,
                content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let file = try database.prepare("""
            INSERT INTO files (run_id, component, path_id, lines_valid, lines_covered, branches_valid, branches_covered)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let paths = try PathTable(database: database)
        for entry in run.components {
            let counts = entry.counts
            let tests = entry.tests
            try component.run([
                .integer(rowID), .text(entry.name), .optional(entry.producer?.rawValue), .text(entry.status.name),
                .optional(entry.status.reason), .int(counts.linesValid), .int(counts.linesCovered),
                .int(counts.branchesValid), .int(counts.branchesCovered), .optional(tests?.tests),
                .optional(tests?.passed), .optional(tests?.failures), .optional(tests?.errors),
                .optional(tests?.skipped), .optional(tests?.collectionErrors), .text(entry.contentHash),
            ])
            for summary in entry.files {
                let counts = summary.counts
                try file.run([
                    .integer(rowID), .text(entry.name), .integer(try paths.id(for: summary.path)),
                    .int(counts.linesValid), .int(counts.linesCovered), .int(counts.branchesValid),
                    .int(counts.branchesCovered),
                ])
            }
        }
        return rowID
    }

    /// Keeps per-line data only for the latest runs of each component that have any. A failed
    /// measurement stores none, so these are the newest *measured* runs: when the latest run of a
    /// component failed, the last good run's pages can still be drawn (with a stale banner).
    private func dropOldLineData(for components: [String]) throws(HistoryError) {
        let delete = try database.prepare("""
            DELETE FROM line_data WHERE component = ?1 AND run_id NOT IN (
                SELECT line_data.run_id FROM line_data JOIN runs ON runs.id = line_data.run_id
                WHERE line_data.component = ?1 ORDER BY runs.time DESC, runs.id DESC LIMIT ?2)
            """)
        for name in components { try delete.run([.text(name), .int(Self.lineDataRuns)]) }
    }
}

/// Paths stored once. All known paths are read in one query when the table is first needed (a
/// lookup per file cost ~14 000 instructions; 50 000 files made that 0.3 s); new ones are added.
private final class PathTable {
    private let insert: SQLiteStatement
    private let database: SQLiteDatabase
    private var ids: [String: Int64] = [:]

    init(database: SQLiteDatabase) throws(HistoryError) {
        self.database = database
        insert = try database.prepare("INSERT INTO paths (path) VALUES (?)")
        try database.prepare("SELECT id, path FROM paths").query { row in ids[row.text(1)] = Int64(row.int(0)) }
    }

    func id(for path: String) throws(HistoryError) -> Int64 {
        if let known = ids[path] { return known }
        try insert.run([.text(path)])
        let id = database.lastInsertedRowID
        ids[path] = id
        return id
    }
}
