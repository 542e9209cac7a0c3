import CoverageModel
import Foundation

/// A run just written in this transaction: its row id, its summary with files, and its files' path
/// ids in the order of its components and files.
struct WrittenRun {
    let rowID: Int64
    let run: RunSummary
    let pathIDs: [Int64]
}

extension HistoryStore {
    /// Gives the newest `count` of `runs` (oldest first, `place` by row id) their per-file counts, in
    /// path order; the run `known` was just written with, its files as given.
    ///
    /// A cron tick reads the files of the last 20 runs for the sparklines: 400 000 rows for a
    /// 20 000-file project. They are read without joining each row to its path: the paths are read
    /// once, and a run whose files are the previous run's (the usual case) takes that run's list of
    /// paths.
    func addLatestFiles(
        to runs: inout [RunSummary], place: [Int64: Int], count: Int, known: WrittenRun?
    ) throws(HistoryError) {
        var groups =
            count <= Self.groupedRuns
            ? try groupsOneByOne(of: runs, place: place, count: count, known: known)
            : try groupsInOneRead(of: runs, place: place, count: count, known: known)
        groups.removeAll { $0.index < 0 }
        // The paths of the groups' distinct lists of ids, each made into a String once.
        var wanted = Set<Int64>()
        for (position, group) in groups.enumerated()
        where position == 0 || group.pathIDs != groups[position - 1].pathIDs {
            wanted.formUnion(group.pathIDs)
        }
        var paths: [Int64: String] = [:]
        paths.reserveCapacity(wanted.count)
        // The run just written names most of them (a run's files are mostly the previous run's): the
        // project's paths are read only for the others, where reading all 20 000 was 8 ms of a record.
        if let known, known.pathIDs.count == known.run.components.reduce(0, { $0 + $1.files.count }) {
            var next = 0
            for component in known.run.components {
                for file in component.files {
                    if wanted.contains(known.pathIDs[next]) { paths[known.pathIDs[next]] = file.path }
                    next += 1
                }
            }
        }
        if paths.count < wanted.count {
            try database.prepare("SELECT id, path FROM paths WHERE project_id = ?").query([projectKey]) { row in
                let id = Int64(row.int(0))
                if wanted.contains(id), paths[id] == nil { paths[id] = row.text(1) }
            }
        }
        // Whether a list of paths is in order is checked once per distinct list, not per run (20 runs
        // of 20 000 files compared 400 000 pairs of paths).
        var previous: (pathIDs: [Int64], paths: [String], inOrder: Bool) = ([], [], true)
        for group in groups {
            if group.pathIDs != previous.pathIDs {
                let listed = group.pathIDs.map { paths[$0] ?? "" }
                previous = (group.pathIDs, listed, Self.isInOrder(listed))
            }
            let files = zip(previous.paths, group.counts).map { FileSummary(path: $0, counts: $1) }
            runs[group.index].components[group.slot].files =
                previous.inOrder ? files : files.sorted { $0.path < $1.path }
        }
        // The run just written, when it is one of the latest: its files as it was given them.
        if let known, let index = place[known.rowID], index >= runs.count - count {
            for slot in runs[index].components.indices {
                let name = runs[index].components[slot].name
                runs[index].components[slot].files = Self.inPathOrder(
                    known.run.components.first { $0.name == name }?.files ?? [])
            }
        }
    }

    /// A run's component's files: the run's index in `runs`, the component's slot, and its rows'
    /// path ids and counts in path id order.
    private typealias FileGroup = (index: Int, slot: Int, pathIDs: [Int64], counts: [Counts])

    /// Up to this many runs, each run's component is read by its own query on the primary key
    /// (no run id or component name on each row, no join to the path: a 22-run tick read its 400 000
    /// rows in 0.18 s instead of 0.28 s); more runs (`history export`) are read in one query, as a round trip per query to a
    /// PostgreSQL server would cost more than the columns.
    static let groupedRuns = 64

    private func groupsOneByOne(
        of runs: [RunSummary], place: [Int64: Int], count: Int, known: WrittenRun?
    ) throws(HistoryError) -> [FileGroup] {
        var rowIDs = [Int64](repeating: -1, count: runs.count)
        for (rowID, index) in place { rowIDs[index] = rowID }
        let rows = try database.prepare(
            """
            SELECT path_id, lines_valid, lines_covered, branches_valid, branches_covered
            FROM files WHERE run_id = ? AND component = ? ORDER BY path_id
            """)
        let values =
            try hasFileCounts()
            ? try database.prepare("SELECT counts FROM file_counts WHERE run_id = ? AND component = ?") : nil
        var groups: [FileGroup] = []
        for index in runs.indices.suffix(min(count, runs.count)) where rowIDs[index] != known?.rowID {
            for slot in runs[index].components.indices {
                var group: FileGroup = (index, slot, [], [])
                let key: [SQLValue] = [.integer(rowIDs[index]), .text(runs[index].components[slot].name)]
                var value: Data?
                try values?.query(key) { row in value = row.blob(0) }
                if let value, let decoded = FileCounts.decode([UInt8](value)) {
                    (group.pathIDs, group.counts) = decoded
                } else {
                    // Recorded before `file_counts` existed (or a value this version cannot read).
                    try rows.query(key) { row in
                        group.pathIDs.append(Int64(row.int(0)))
                        group.counts.append(Self.counts(row, from: 1))
                    }
                }
                if !group.pathIDs.isEmpty { groups.append(group) }
            }
        }
        return groups
    }

    /// Whether the history has `file_counts` (readers may open a history a writer has not migrated yet).
    private func hasFileCounts() throws(HistoryError) -> Bool {
        try database.prepare("SELECT count(*) FROM tidemark_migrations WHERE name = ?").integer([
            .text(Schema.fileCounts.name)
        ]) == 1
    }

    /// Rows in key order (run, component, path id): a group per run's component, told apart by
    /// comparing the run id and the component's bytes, not by making a String per row.
    private func groupsInOneRead(
        of runs: [RunSummary], place: [Int64: Int], count: Int, known: WrittenRun?
    ) throws(HistoryError) -> [FileGroup] {
        let latest = database.dialect.inSubquery(
            "SELECT id FROM runs WHERE project_id = ? ORDER BY time DESC, id DESC LIMIT ?")
        var groups: [FileGroup] = []
        var current: (run: Int64, component: String) = (-1, "")
        try database.prepare(
            """
            SELECT run_id, component, path_id, lines_valid, lines_covered, branches_valid, branches_covered
            FROM files WHERE run_id \(latest) AND run_id <> ?
            ORDER BY run_id, component, path_id
            """
        ).query([projectKey, .integer(Int64(min(count, Int(Int64.max)))), .integer(known?.rowID ?? -1)]) { row in
            let run = Int64(row.int(0))
            if run != current.run || !row.textEquals(1, current.component) {
                current = (run, row.text(1))
                let index = place[run] ?? -1
                let slot = index < 0 ? nil : runs[index].components.firstIndex { $0.name == current.component }
                groups.append((slot == nil ? -1 : index, slot ?? -1, [], []))
            }
            groups[groups.count - 1].pathIDs.append(Int64(row.int(2)))
            groups[groups.count - 1].counts.append(Self.counts(row, from: 3))
        }
        return groups
    }

    /// The four counts in the row's columns from `column` on.
    private static func counts(_ row: DatabaseRow, from column: Int32) -> Counts {
        Counts(
            linesValid: row.int(column), linesCovered: row.int(column + 1), branchesValid: row.int(column + 2),
            branchesCovered: row.int(column + 3))
    }

    /// `files` sorted by path; usually they come so (path ids follow the first run's order).
    private static func inPathOrder(_ files: [FileSummary]) -> [FileSummary] {
        guard zip(files, files.dropFirst()).contains(where: { !($0.path < $1.path) }) else { return files }
        return files.sorted { $0.path < $1.path }
    }

    /// Whether every path is before the next (`<`, so no path twice).
    private static func isInOrder(_ paths: [String]) -> Bool {
        !zip(paths, paths.dropFirst()).contains { !($0 < $1) }
    }
}
