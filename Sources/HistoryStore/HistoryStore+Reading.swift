import Concurrency
import CoverageModel
import Foundation

extension HistoryStore {
    /// Every run, oldest first (by time, then by order of recording), with component counts and,
    /// when asked, per-file counts. All read in one consistent snapshot.
    public func runs(includingFiles: Bool = false) throws(HistoryError) -> [RunSummary] {
        try runs(filesForLatest: includingFiles ? Int.max : 0)
    }

    /// Every run, oldest first, with per-file counts for the newest `filesForLatest` runs only
    /// (sparklines and movers need a few runs' files; a long history holds millions of rows).
    public func runs(filesForLatest: Int) throws(HistoryError) -> [RunSummary] {
        try database.readTransaction { () throws(HistoryError) -> [RunSummary] in
            try loadRuns(filesForLatest: filesForLatest)
        }
    }

    /// `runs(filesForLatest:)` inside the caller's transaction.
    /// - Parameter known: a run just written in this transaction: its files are taken from its
    ///   summary instead of being read back.
    func loadRuns(filesForLatest: Int, known: WrittenRun? = nil) throws(HistoryError)
        -> [RunSummary]
    {
        try loadRunsWithRowIDs(filesForLatest: filesForLatest, known: known).runs
    }

    /// The runs oldest first, and each run's place by row id (the order of recording).
    func loadRunsWithRowIDs(filesForLatest: Int, known: WrittenRun? = nil) throws(HistoryError)
        -> (runs: [RunSummary], place: [Int64: Int])
    {
        let includingFiles = filesForLatest > 0
        do {
            // Runs in order, and each run's place by row id: components and files are added in place.
            var runs: [RunSummary] = []
            var place: [Int64: Int] = [:]
            try database.prepare("SELECT \(Self.runColumns) FROM runs WHERE project_id = ? ORDER BY time, id")
                .query([projectKey]) { row throws(HistoryError) in
                    place[Int64(row.int(0))] = runs.count
                    runs.append(try runSummary(row))
                }
            try database.prepare(
                """
                SELECT \(Self.componentColumns)
                FROM components WHERE run_id IN (SELECT id FROM runs WHERE project_id = ?)
                """
            ).query([projectKey]) { row in
                if let index = place[Int64(row.int(0))] { runs[index].components.append(Self.component(row)) }
            }
            // A run recorded after one with a later time is a backfill: walk them in order of recording.
            var latest = Date.distantPast
            for (_, index) in place.sorted(by: { $0.key < $1.key }) {
                if runs[index].time < latest { runs[index].isBackfill = true }
                latest = max(latest, runs[index].time)
            }
            for index in runs.indices where runs[index].components.count > 1 {
                runs[index].components.sort { $0.name < $1.name }
            }
            if includingFiles {
                try addLatestFiles(to: &runs, place: place, count: filesForLatest, known: known)
            }
            return (runs, place)
        }
    }

    /// The newest `count` runs, newest first, each with its summary (component counts, no per-file
    /// counts) and its reports rebuilt from per-line data where kept.
    public func latestRuns(_ count: Int) throws(HistoryError) -> [(summary: RunSummary, run: Run)] {
        let summaries = try latestSummaries(count)
        return zip(summaries, try runs(summaries)).map { ($0, $1) }
    }

    /// What a site needs before the whole history is read, so that a caller can read it on one
    /// connection while another reads the rest: the newest run with its reports, and the run before
    /// it as far as newly uncovered lines need it (`PreviousRun`: lines read in place when asked).
    /// Each with its summary (component counts, no per-file counts); `nil` for an empty history.
    /// - Parameter known: a run this process has just recorded, with its id: when it is the latest,
    ///   its reports are taken as decoding their archives would give them
    ///   (`ReportArchive.decodedForm`), and the archives are decoded only where that cannot tell.
    public func newestRuns(known: (id: String, run: Run)? = nil) throws(HistoryError) -> NewestRuns? {
        let summaries = try latestSummaries(2)
        guard let latest = summaries.first else { return nil }
        let blobs = try archives(of: summaries)
        let runs = Slots<Run>(count: 1)
        let previous = Slots<PreviousRun>(count: 1)
        // On two cores: the latest run decoded whole, the one before read only as far as its places.
        DispatchQueue.concurrentPerform(iterations: summaries.count) { index in
            if index == 0 {
                runs.set(0, Self.latestRun(latest, blobs: blobs.filter { $0.run == 0 }, known: known))
            } else {
                previous.set(0, Self.previousRun(blobs: blobs.filter { $0.run == 1 }))
            }
        }
        return NewestRuns(
            latest: (latest, runs.get(0) ?? Self.run(latest, archives: [:])),
            previous: summaries.count > 1 ? (summaries[1], previous.get(0) ?? PreviousRun(components: [:])) : nil)
    }

    /// `newestRuns` without reading the run before the latest, only its summary: for a caller that
    /// reads that run itself meanwhile, on its own connection (`previousRun(of:)`). A render had both
    /// runs read here on two cores while its own thread read the history, three threads on two cores
    /// ahead of the latest run's folder trees; its thread now reads the run before once its own
    /// reading is done, while the trees are built.
    public func newestRun(known: (id: String, run: Run)? = nil) throws(HistoryError) -> (
        latest: (summary: RunSummary, run: Run), previous: RunSummary?
    )? {
        let summaries = try latestSummaries(2)
        guard let latest = summaries.first else { return nil }
        let blobs = try archives(of: [latest])
        return ((latest, Self.latestRun(latest, blobs: blobs, known: known)), summaries.dropFirst().first)
    }

    /// The run of `summary` as far as newly uncovered lines need it, as `newestRuns` gives the run
    /// before the latest.
    public func previousRun(of summary: RunSummary) throws(HistoryError) -> PreviousRun {
        Self.previousRun(blobs: try archives(of: [summary]))
    }

    /// The latest run with its reports: `known`'s where it is that run and its reports tell what
    /// decoding would give, else decoded from `blobs`.
    private static func latestRun(
        _ latest: RunSummary, blobs: [(run: Int, component: String, data: Data)], known: (id: String, run: Run)?
    ) -> Run {
        if let known, known.id == latest.id, let archives = decodedForms(of: known.run) {
            return run(latest, archives: archives)
        }
        var archives: [String: (report: CoverageReport, tests: TestResults?)] = [:]
        for (blob, archive) in zip(blobs, decoded(blobs)) where archive != nil {
            archives[blob.component] = archive
        }
        return run(latest, archives: archives)
    }

    /// A run read only as far as its files' places (`ReportArchive.previousFiles`).
    private static func previousRun(blobs: [(run: Int, component: String, data: Data)]) -> PreviousRun {
        var components: [String: PreviousFiles] = [:]
        for blob in blobs {
            if let files = ReportArchive.previousFiles(blob.data) { components[blob.component] = files }
        }
        return PreviousRun(components: components)
    }

    /// The newest `count` runs' summaries, newest first, with their components.
    private func latestSummaries(_ count: Int) throws(HistoryError) -> [RunSummary] {
        try database.readTransaction { () throws(HistoryError) -> [RunSummary] in
            var newest: [(rowID: Int64, summary: RunSummary)] = []
            try database.prepare(
                """
                SELECT \(Self.runColumns), \(Self.backfillColumn)
                FROM runs WHERE project_id = ? ORDER BY time DESC, id DESC LIMIT ?
                """
            ).query([projectKey, .integer(Int64(count))]) { row throws(HistoryError) in
                var summary = try self.runSummary(row)
                summary.isBackfill = row.int(6) != 0
                newest.append((Int64(row.int(0)), summary))
            }
            let components = try database.prepare(
                """
                SELECT \(Self.componentColumns)
                FROM components WHERE run_id = ? ORDER BY name
                """)
            return try newest.map { entry throws(HistoryError) in
                var summary = entry.summary
                try components.query([.integer(entry.rowID)]) { row in summary.components.append(Self.component(row)) }
                summary.components.sort { $0.name < $1.name }
                return summary
            }
        }
    }

    /// The newest run with every component's report rebuilt from its stored per-line data, or
    /// `nil` when the history is empty.
    public func latestRun() throws(HistoryError) -> Run? {
        guard let summary = try runs().last else { return nil }
        return try run(summary)
    }

    /// The stored run with its reports rebuilt from per-line data, where that data is still kept.
    public func run(_ summary: RunSummary) throws(HistoryError) -> Run {
        try runs([summary])[0]
    }

    /// Several runs with their per-line data where kept: the archives are read one after the other,
    /// then decoded on all cores (decoding a 20 000-file run takes ~60 ms).
    public func runs(_ summaries: [RunSummary]) throws(HistoryError) -> [Run] {
        let blobs = try archives(of: summaries)
        let decoded = Self.decoded(blobs)
        return summaries.enumerated().map { index, summary in
            var archives: [String: (report: CoverageReport, tests: TestResults?)] = [:]
            for (slot, blob) in blobs.enumerated() where blob.run == index {
                if let archive = decoded[slot] { archives[blob.component] = archive }
            }
            return Self.run(summary, archives: archives)
        }
    }

    /// The stored per-line data of each of `summaries` (by index) and component.
    private func archives(of summaries: [RunSummary]) throws(HistoryError) -> [(
        run: Int, component: String, data: Data
    )] {
        var blobs: [(run: Int, component: String, data: Data)] = []
        let statement = try database.prepare(
            """
            SELECT line_data.component, line_data.report FROM line_data JOIN runs ON runs.id = line_data.run_id
            WHERE runs.project_id = ? AND runs.identity = ?
            """)
        for (index, summary) in summaries.enumerated() {
            try statement.query([projectKey, .text(summary.id)]) { row in
                blobs.append((index, row.text(0), row.blob(1)))
            }
        }
        return blobs
    }

    /// Each archive decoded (`nil` where damaged), on all cores.
    private static func decoded(
        _ blobs: [(run: Int, component: String, data: Data)]
    ) -> [(report: CoverageReport, tests: TestResults?)?] {
        let decoded = Slots<(report: CoverageReport, tests: TestResults?)?>(count: blobs.count)
        DispatchQueue.concurrentPerform(iterations: blobs.count) { index in
            decoded.set(index, ReportArchive.decode(blobs[index].data))
        }
        return blobs.indices.map { decoded.get($0) ?? nil }
    }

    /// The reports of `run`'s measured components by name, as their archives decode
    /// (`ReportArchive.decodedForm`); `nil` when that cannot tell for one of them.
    private static func decodedForms(
        of run: Run
    ) -> [String: (report: CoverageReport, tests: TestResults?)]? {
        var archives: [String: (report: CoverageReport, tests: TestResults?)] = [:]
        for component in run.components {
            guard let report = component.report else { continue }
            guard let form = ReportArchive.decodedForm(of: report, tests: component.tests) else { return nil }
            archives[component.name] = form
        }
        return archives
    }

    /// The run of `summary` with the reports decoded from its archives, by component.
    private static func run(
        _ summary: RunSummary, archives: [String: (report: CoverageReport, tests: TestResults?)]
    ) -> Run {
        let components = summary.components.map { component in
            let archive = archives[component.name]
            return ComponentRun(
                name: component.name, status: component.status, report: archive?.report,
                tests: archive?.tests ?? component.tests, contentHash: component.contentHash)
        }
        return Run(time: summary.time, source: summary.source, components: components)
    }

    /// The columns of `components` that `component(_:)` reads, in its order: every query that reads
    /// components selects them so.
    /// The columns of a run that `runSummary` reads, in its order: every query of runs selects them.
    static let runColumns = "id, identity, time, commit_sha, branch, build_url"

    /// A run's summary, without components, from a row that starts with `runColumns`.
    /// - Throws: `HistoryError.corrupt` for a time no Tidemark writes (`StoredTime`).
    func runSummary(_ row: DatabaseRow) throws(HistoryError) -> RunSummary {
        let id = row.text(1)
        return RunSummary(
            id: id, time: try storedTime(row.int(2), of: "run \(id)"),
            source: RunSource(commit: row.optionalText(3), branch: row.optionalText(4), buildURL: row.optionalText(5)),
            components: [])
    }

    static let componentColumns = """
        run_id, name, producer, status, reason, lines_valid, lines_covered, branches_valid, branches_covered, tests,
        passed, failures, errors, skipped, collection_errors, content_hash
        """

    /// 1 for a run recorded after a run with a later time (`RunSummary.isBackfill`), for a few rows.
    static let backfillColumn = """
        CASE WHEN EXISTS (SELECT 1 FROM runs AS earlier WHERE earlier.project_id = runs.project_id
            AND earlier.id < runs.id AND earlier.time > runs.time) THEN 1 ELSE 0 END
        """

    static func component(_ row: DatabaseRow) -> ComponentSummary {
        let status: ComponentStatus = row.text(3) == "measured" ? .measured : .failed(reason: row.optionalText(4) ?? "")
        let tests: TestResults? =
            row.isNull(9)
            ? nil
            : TestResults(
                tests: row.int(9), passed: row.int(10), failures: row.int(11), errors: row.int(12),
                skipped: row.int(13),
                collectionErrors: row.int(14))
        return ComponentSummary(
            name: row.text(1), producer: row.optionalText(2).flatMap(Producer.init(rawValue:)), status: status,
            counts: Counts(
                linesValid: row.int(5), linesCovered: row.int(6), branchesValid: row.int(7), branchesCovered: row.int(8)
            ),
            tests: tests, contentHash: row.text(15))
    }
}

extension HistoryStore {
    /// The stored runs with these ids, with their per-file counts, in the order given; ids not in
    /// the history are left out. One consistent snapshot, read a few hundred runs per query.
    public func runs(identities: [String]) throws(HistoryError) -> [RunSummary] {
        try database.readTransaction { () throws(HistoryError) -> [RunSummary] in
            var found: [String: RunSummary] = [:]
            for chunk in Self.chunks(identities, of: 400) {
                for run in try runsWithFiles(Array(chunk)) { found[run.id] = run }
            }
            return identities.compactMap { found[$0] }
        }
    }

    /// The runs of a few hundred ids with their components and files, in no order.
    private func runsWithFiles(_ identities: [String]) throws(HistoryError) -> [RunSummary] {
        let list = Self.placeholders(identities.count)
        let values = [projectKey] + identities.map { SQLValue.text($0) }
        var runs: [Int64: RunSummary] = [:]
        try database.prepare("SELECT \(Self.runColumns) FROM runs WHERE project_id = ? AND identity IN (\(list))")
            .query(values) { row throws(HistoryError) in runs[Int64(row.int(0))] = try runSummary(row) }
        let inRuns = database.dialect.inSubquery("SELECT id FROM runs WHERE project_id = ? AND identity IN (\(list))")
        try database.prepare("SELECT \(Self.componentColumns) FROM components WHERE run_id \(inRuns)").query(values) {
            row in
            runs[Int64(row.int(0))]?.components.append(Self.component(row))
        }
        var files: [Int64: [String: [FileSummary]]] = [:]
        try database.prepare(
            """
            SELECT files.run_id, files.component, paths.path, files.lines_valid, files.lines_covered, \
            files.branches_valid,
                files.branches_covered
            FROM files JOIN paths ON paths.id = files.path_id WHERE files.run_id \(inRuns)
            """
        ).query(values) { row in
            files[Int64(row.int(0)), default: [:]][row.text(1), default: []].append(
                FileSummary(
                    path: row.text(2),
                    counts: Counts(
                        linesValid: row.int(3), linesCovered: row.int(4), branchesValid: row.int(5),
                        branchesCovered: row.int(6))))
        }
        return runs.map { rowID, stored in
            var summary = stored
            summary.components.sort { $0.name < $1.name }
            for index in summary.components.indices {
                let name = summary.components[index].name
                summary.components[index].files = (files[rowID]?[name] ?? []).sorted { $0.path < $1.path }
            }
            return summary
        }
    }
}

/// The newest run of a history and the one before it, as a site is drawn from them
/// (`HistoryStore.newestRuns`).
public struct NewestRuns: Sendable {
    public let latest: (summary: RunSummary, run: Run)
    public let previous: (summary: RunSummary, run: PreviousRun)?

    public init(latest: (summary: RunSummary, run: Run), previous: (summary: RunSummary, run: PreviousRun)?) {
        self.latest = latest
        self.previous = previous
    }

    /// The two runs' ids, newest first.
    public var ids: [String] { [latest.summary.id] + (previous.map { [$0.summary.id] } ?? []) }
}
