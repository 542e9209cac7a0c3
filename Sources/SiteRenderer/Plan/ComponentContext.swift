import Concurrency
import CoverageModel
import Dispatch
import Formatting

/// Everything the pages of one component share, made once before any of them is drawn: its folder
/// tree, recent rates, each file's missed ranges, the four orders of its flat list, and the
/// previous run's files (for lines that became uncovered).
struct ComponentContext: Sendable {
    let name: String
    /// The stale banner (when the latest run failed to measure) and the levels rates are coloured by.
    let look: ComponentLook
    let producer: Producer
    /// The report's `<source>` roots, for the note on a file page without source.
    let reportSources: [String]
    let tree: DirectoryTree
    let rates: RecentRates
    /// Each entry's missed line ranges (by `tree.entries` index).
    let ranges: [MissedRanges]
    /// Entries in each `FileOrder` (by raw value).
    let orders: [[Int]]
    /// Entries not fully covered (a missed line or an untaken branch), in each order.
    let incompleteOrders: [[Int]]
    let previous: [String: SourceFile]
    /// Each entry's row's digest, for the fingerprints of the pages that list it.
    let rowDigests: [(UInt64, UInt64)]
    /// Each entry's row in the flat lists (the same markup in all eight), drawn once by the first
    /// list page that shows it.
    let listRows: ListRows

    init(component: DrawnComponent, look: ComponentLook, tree: DirectoryTree, rates: RecentRates) {
        let report = component.report
        name = component.name
        self.look = look
        producer = report.producer
        reportSources = report.sources
        self.tree = tree
        self.rates = rates
        // The missed ranges and the four orders on every core: 20 000 files took 40 ms on one.
        let made = Slots<[Int]>(count: FileOrder.allCases.count)
        let missed = Slots<[MissedRanges]>(count: 1)
        DispatchQueue.concurrentPerform(iterations: FileOrder.allCases.count + 1) { index in
            if index == FileOrder.allCases.count {
                missed.set(0, tree.entries.map { MissedRanges($0.file.lines) })
            } else {
                made.set(index, FileOrder.allCases[index].sorted(tree.entries))
            }
        }
        ranges = missed.get(0) ?? []
        let orders = made.all.map { $0 ?? [] }
        self.orders = orders
        incompleteOrders = orders.map { order in order.filter { !tree.entries[$0].file.counts.isComplete } }
        let files = component.previous?.files ?? []
        self.previous = Dictionary(files.map { ($0.displayPath, $0) }, uniquingKeysWith: { first, _ in first })
        let ranges = ranges
        rowDigests = tree.entries.indices.map { PageFingerprint.rowDigest($0, of: tree, ranges: ranges[$0]) }
        listRows = ListRows(count: tree.entries.count) { index, row in
            ListingRow.file(
                name: tree.entries[index].file.displayPath, page: "f/" + tree.entries[index].slug + ".html",
                anchor: nil, counts: tree.entries[index].file.counts, ranges: ranges[index], sparkline: nil,
                levels: look.levels, into: &row)
        }
    }

    /// The page of the file at `path` (display path), when the component has it.
    func filePage(of path: String) -> String? {
        tree.entries.first { $0.file.displayPath == path }.map { SiteLayout.filePage(name, slug: $0.slug) }
    }

    func entries(_ order: FileOrder, onlyIncomplete: Bool) -> [Int] {
        onlyIncomplete ? incompleteOrders[order.rawValue] : orders[order.rawValue]
    }
}

extension Counts {
    /// Nothing missed: every line ran and every branch outcome was taken.
    var isComplete: Bool { linesMissed == 0 && branchesCovered >= branchesValid }
}

/// The orders of a component's flat list of files.
enum FileOrder: Int, CaseIterable, Sendable {
    case path, lineCoverage, missed, branchCoverage

    /// What the order is called in links and titles.
    var text: String {
        switch self {
        case .path: "by path"
        case .lineCoverage: "by line coverage"
        case .missed: "by missed lines"
        case .branchCoverage: "by branch coverage"
        }
    }

    var pageSuffix: String {
        switch self {
        case .path: ""
        case .lineCoverage: "-by-coverage"
        case .missed: "-by-missed"
        case .branchCoverage: "-by-branches"
        }
    }

    /// Entries in this order: paths in natural order; the others worst first, with files that have
    /// nothing to measure last, ties by path.
    func sorted(_ entries: [DirectoryTree.Entry]) -> [Int] {
        let byPath = entries.indices.sorted {
            NaturalOrder.areInIncreasingOrder(entries[$0].file.displayPath, entries[$1].file.displayPath)
        }
        guard self != .path else { return byPath }
        var place = [Int](repeating: 0, count: entries.count)
        for (position, index) in byPath.enumerated() { place[index] = position }
        func key(_ index: Int) -> (Int, Double) {
            let counts = entries[index].file.counts
            switch self {
            case .path: return (0, 0)
            case .lineCoverage: return counts.lineRate.map { (0, $0) } ?? (1, 0)
            case .missed: return (0, -Double(counts.linesMissed))
            case .branchCoverage: return counts.branchRate.map { (0, $0) } ?? (1, 0)
            }
        }
        return byPath.sorted { a, b in
            let (left, right) = (key(a), key(b))
            return left != right ? left < right : place[a] < place[b]
        }
    }

    /// What a row is sorted by, as the page links show it.
    func keyText(_ entry: DirectoryTree.Entry) -> String {
        let counts = entry.file.counts
        switch self {
        case .path: return entry.file.displayPath
        case .lineCoverage: return counts.lineRate == nil ? "nothing to cover" : DisplayFormat.percent(counts.lineRate)
        case .missed: return "\(counts.linesMissed) missed"
        case .branchCoverage: return counts.branchRate == nil ? "no branches" : DisplayFormat.percent(counts.branchRate)
        }
    }
}
