import CoverageModel

/// Line coverage of every file and directory of a component over its most recent runs, for the
/// sparklines of listings and file sections.
struct RecentRates {
    /// Each path's slot in `storage` ("" = the component).
    private var byPath: [String: Int] = [:]
    /// `runCount` rates per slot, one per recent run (oldest first); NaN where the path was not in
    /// that run or had nothing to cover. One flat array: an array per path was 22 000 allocations.
    private var storage: [Double] = []
    private let runCount: Int

    init(component: String, history: [RunSummary]) {
        let runs = history.compactMap { $0.component(named: component) }.filter { !$0.files.isEmpty }
        runCount = runs.count
        for (index, run) in runs.enumerated() {
            // Files first, then each folder's sum up its ancestors once: a 20 000-file run has ~2 000
            // folders, so walking every file's ancestors cost ten times the lookups.
            var sums: [String: Counts] = [:]
            var folders: [Substring: Counts] = [:]
            var total = Counts.zero
            for file in run.files {
                sums[file.path, default: .zero] += file.counts
                folders[file.path.lastIndex(of: "/").map { file.path[..<$0] } ?? "", default: .zero] += file.counts
                total += file.counts
            }
            for (folder, counts) in folders {
                var directory = folder
                while true {
                    let trimmed = directory.hasPrefix("/") ? directory.dropFirst() : directory
                    if !trimmed.isEmpty { sums[String(trimmed), default: .zero] += counts }
                    guard let slash = directory.lastIndex(of: "/") else { break }
                    directory = directory[..<slash]
                }
            }
            sums[""] = total
            byPath.reserveCapacity(sums.count)
            for (path, counts) in sums {
                let slot: Int
                if let known = byPath[path] {
                    slot = known
                } else {
                    slot = storage.count / runs.count
                    byPath[path] = slot
                    storage.append(contentsOf: repeatElement(.nan, count: runs.count))
                }
                storage[slot * runs.count + index] = counts.lineRate ?? .nan
            }
        }
    }

    /// The recent rates of a file or directory path, oldest first, one per change: consecutive runs
    /// with the same rate show once, so a file whose coverage did not move keeps the same sparkline
    /// (and the same page) from run to run.
    func rates(of path: String) -> [Double?] {
        guard let slot = byPath[path] else { return [] }
        var changes: [Double?] = []
        for rate in storage[(slot * runCount)..<((slot + 1) * runCount)] where !rate.isNaN && (changes.last ?? nil) != rate {
            changes.append(rate)
        }
        return changes
    }
}
