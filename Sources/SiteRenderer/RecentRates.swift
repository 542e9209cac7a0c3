import CoverageModel
import Foundation

/// Line coverage of every file and directory of a component over its most recent runs, for the
/// sparklines of listings and file sections.
///
/// Every path has one rate per *change* of the component: consecutive runs whose per-file counts
/// are all equal count once, so a run that changed nothing in a component leaves all its pages as
/// they were. A folder's listing keeps the columns in which the folder or one of its rows changed
/// (`columns(changingSlots:)`): its rows share their x positions, and a run that changed a file elsewhere
/// leaves the listing as it was. A file page draws the file's own changes (`changes(of:)`).
///
/// Only the paths of the newest run are tracked (the site has no page for the others). Each run is
/// summed on its own core. A run with the newest run's files is summed by position (`Layout`);
/// another walks its files in path order, looking a folder's sum up once per run of consecutive
/// files, not once per file. A 20 000-file component with 20 recent runs took over a second when
/// every file of every run went through two dictionaries.
struct RecentRates {
    /// Each path's slot ("" = the component).
    private var slots: [String: Int] = [:]
    /// The newest run's files and the slot of each, by position (`slot(of:newest:)`).
    private var newestFiles: [FileSummary] = []
    private var newestSlots: [Int] = []
    /// `runCount` rates per slot, one per recent run (oldest first); NaN where the path was not in
    /// that run or had nothing to cover.
    private var storage: [Double] = []
    private let runCount: Int

    init(component: String, history: [RunSummary]) {
        let measured = history.compactMap { $0.component(named: component) }.filter { !$0.files.isEmpty }
        var changes: [ComponentSummary] = []
        for run in measured where changes.last?.files != run.files { changes.append(run) }
        let runs = changes
        runCount = runs.count
        guard let latest = runs.last else { return }
        let layout = Layout(files: latest.files)
        slots = layout.slots
        (newestFiles, newestSlots) = (latest.files, layout.fileSlots)
        storage = Array(repeating: .nan, count: slots.count * runs.count)
        let count = runs.count
        let slots = slots
        storage.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedColumns(base: buffer.baseAddress)
            // Disjoint cells: run `index` writes only column `index`.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let run = runs[index]
                func set(_ slot: Int, _ rate: Double?) { shared.base?[slot * count + index] = rate ?? .nan }
                if layout.matches(run.files, newest: latest.files) {
                    layout.rates(of: run.files, set)
                    return
                }
                // Another list of files: each path looked up, each folder summed by name.
                var sums: [(folder: Substring, counts: Counts)] = []
                var total = Counts.zero
                for file in run.files {
                    if let slot = slots[file.path] { set(slot, file.counts.lineRate) }
                    let folder = Self.folder(of: file.path)
                    if let last = sums.last, last.folder == folder {
                        sums[sums.count - 1].counts += file.counts
                    } else {
                        sums.append((folder, file.counts))
                    }
                    total += file.counts
                }
                var directories: [String: Counts] = [:]
                for (folder, counts) in sums {
                    for ancestor in Self.ancestors(of: folder) { directories[ancestor, default: .zero] += counts }
                }
                for (path, counts) in directories {
                    if let slot = slots[path] { set(slot, counts.lineRate) }
                }
                if let slot = slots[""] { set(slot, total.lineRate) }
            }
        }
    }

    /// The folder part of a path: up to its last `/`, or "".
    static func folder(of path: String) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
    }

    /// A folder and the folders above it, without a leading `/`, the root ("") left out.
    static func ancestors(of folder: Substring) -> [String] {
        var result: [String] = []
        var directory = folder
        while true {
            let trimmed = directory.hasPrefix("/") ? directory.dropFirst() : directory
            if !trimmed.isEmpty { result.append(String(trimmed)) }
            guard let slash = directory.utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
            directory = directory[..<slash]
        }
        return result
    }

    /// The rates of a file or directory path, oldest first, one per column (`nil` where the path
    /// was not in that run or had nothing to cover); empty for a path of no tracked run.
    func rates(of path: String) -> [Double?] {
        var values: [Double?] = []
        forEachRate(of: path) { values.append($0.isNaN ? nil : $0) }
        return values
    }

    /// The path's own changes, oldest first: its rates with gaps and repeats left out. A sparkline
    /// that stands alone (a file page's) draws these, so a file whose coverage did not move keeps its
    /// page while other files of the component change.
    func changes(of path: String) -> [Double] {
        var values: [Double] = []
        forEachChange(slot: slot(of: path)) { values.append($0) }
        return values
    }

    /// Each of `changes(of:)`'s values, for the path in `slot`, without building the array.
    func forEachChange(slot: Int?, _ body: (Double) -> Void) {
        var last = Double.nan
        forEachRate(slot: slot) { rate in
            if !rate.isNaN, rate != last {
                body(rate)
                last = rate
            }
        }
    }

    /// A path's slot, to read its rates by (`ComponentContext` looks each path up once per render,
    /// not once per page that shows it); nil for a path of no tracked run.
    func slot(of path: String) -> Int? { slots[path] }

    /// `slot(of:)` of a path that is likely the newest run's file at `position` (a report's files and
    /// the run's come in the same order): compared there first, looked up only when it is not.
    func slot(of path: String, newest position: Int) -> Int? {
        if newestFiles.indices.contains(position), newestFiles[position].path == path { return newestSlots[position] }
        return slots[path]
    }

    /// The columns in which something of the paths in `pathSlots` (`slot(of:)`) changed: the first
    /// column, and each later one where the rate of one of them differs from the column before (a
    /// path missing from a run counts as a value of its own). A folder's listing draws its
    /// sparklines at these columns only, so a run that changed nothing in the folder leaves its pages
    /// as they were, and its rows still share their x positions.
    func columns(changingSlots pathSlots: [Int?]) -> [Int] {
        guard runCount > 0 else { return [] }
        var changed = Array(repeating: false, count: runCount)
        changed[0] = true
        for slot in pathSlots {
            guard let slot else { continue }
            let base = slot * runCount
            for column in 1..<runCount where !changed[column] {
                let (before, after) = (storage[base + column - 1], storage[base + column])
                if before != after, !(before.isNaN && after.isNaN) { changed[column] = true }
            }
        }
        return changed.indices.filter { changed[$0] }
    }

    /// The rates of the path in `slot` at `columns` (from `columns(changingSlots:)`), oldest first;
    /// empty for a path of no tracked run.
    func rates(slot: Int?, at columns: [Int]) -> [Double?] {
        var values: [Double?] = []
        forEachRate(slot: slot, at: columns) { values.append($0.isNaN ? nil : $0) }
        return values
    }

    /// Each rate `rates(slot:at:)` gives, NaN for none, without building the array.
    func forEachRate(slot: Int?, at columns: [Int], _ body: (Double) -> Void) {
        guard let slot else { return }
        for column in columns { body(storage[slot * runCount + column]) }
    }

    /// Each rate `rates(of:)` gives, NaN for none, without building the array.
    func forEachRate(of path: String, _ body: (Double) -> Void) {
        forEachRate(slot: slots[path], body)
    }

    /// `forEachRate(of:_:)` of the path in `slot` (page fingerprints take them one by one).
    func forEachRate(slot: Int?, _ body: (Double) -> Void) {
        guard let slot else { return }
        for rate in storage[(slot * runCount)..<((slot + 1) * runCount)] { body(rate) }
    }
}

/// The rate table's base address, shared by the concurrent per-run sums.
private struct UncheckedColumns: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>?
}
