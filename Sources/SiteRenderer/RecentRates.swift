import CoverageModel

/// Line coverage of every file and directory of a component over its most recent runs, for the
/// sparklines of listings and file sections.
struct RecentRates {
    /// Rates by path ("" = the component), one per recent run (oldest first); `nil` where the path
    /// was not in that run.
    private var byPath: [String: [Double?]] = [:]
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
            for (path, counts) in sums {
                if byPath[path] == nil { byPath[path] = Array(repeating: nil, count: runs.count) }
                byPath[path]?[index] = counts.lineRate
            }
        }
    }

    /// The recent rates of a file or directory path, oldest first, one per change: consecutive runs
    /// with the same rate show once, so a file whose coverage did not move keeps the same sparkline
    /// (and the same page) from run to run.
    func rates(of path: String) -> [Double?] {
        let all = byPath[path] ?? []
        var changes: [Double?] = []
        for rate in all where rate != nil && (changes.last ?? nil) != rate { changes.append(rate) }
        return changes
    }
}
