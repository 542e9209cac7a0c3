import CoverageModel

/// Line coverage of every file and directory of a component over its most recent runs, for the
/// sparklines on listing and file pages.
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

    /// The recent rates of a file or directory path, oldest first.
    func rates(of path: String) -> [Double?] {
        byPath[path] ?? Array(repeating: nil, count: runCount)
    }
}
