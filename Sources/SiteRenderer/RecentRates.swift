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
            var sums: [String: Counts] = [:]
            for file in run.files {
                sums[file.path, default: .zero] += file.counts
                var directory = Substring(file.path)
                while let slash = directory.lastIndex(of: "/") {
                    directory = directory[..<slash]
                    let trimmed = directory.hasPrefix("/") ? String(directory.dropFirst()) : String(directory)
                    sums[trimmed, default: .zero] += file.counts
                }
                sums["", default: .zero] += file.counts
            }
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
