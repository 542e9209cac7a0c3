import Concurrency
import CoverageAnalysis
import CoverageModel
import Dispatch
import Formatting

/// Everything the pages of one component share, made once before any of them is drawn: its folder
/// tree, recent rates, each file's missed ranges, the four orders of its flat list, and the
/// previous run's files (for lines that became uncovered).
///
/// A class, shared by reference: every page's job reads it, and a struct of a dozen references
/// was copied (each reference retained and released, from both cores) once per file page.
final class ComponentContext: Sendable {
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
    /// The previous run's files, and for each entry the index there of the file with its display
    /// path (-1 for a new file): looked up by entry, not by path, so no page hashes a path for it.
    private let previousFiles: PreviousFiles?
    private let previousIndex: [Int]
    /// Each entry's row's digest, for the fingerprints of the pages that list it.
    let rowDigests: [(UInt64, UInt64)]
    /// Each entry's row in the flat lists (the same markup in all eight), drawn once by the first
    /// list page that shows it.
    let listRows: ListRows
    /// Each entry's and each folder's slot in `rates` (nil for a path of no tracked run), looked up
    /// once: the listings and file pages of a 20 000-file component looked up 100 000 paths.
    let entrySlots: [Int?]
    let folderSlots: [Int?]
    /// Each folder's listing columns (`ListingPage.columns`), the same for every page and order of it.
    let folderColumns: [[Int]]
    /// Each folder's lineage from the root down (names, paths and slugs: breadcrumbs and links), as a
    /// digest for the fingerprints of the pages below it.
    let lineageDigests: [(UInt64, UInt64)]
    /// Each folder's breadcrumbs as the pages inside the component's folders (`c/NAME/f/`,
    /// `c/NAME/d/`, root `crumbsRoot`) show them: made once per folder, where every file page made
    /// its own (3 % of a 20 000-file render).
    private let folderCrumbs: [[Breadcrumbs.Crumb]]
    /// Each folder's page as those pages link to it (`crumbsRoot` first).
    private let folderPages: [String]
    static let crumbsRoot = "../../../"

    init(component: DrawnComponent, look: ComponentLook, tree: DirectoryTree, rates: RecentRates) {
        let report = component.report
        name = component.name
        self.look = look
        producer = report.producer
        reportSources = report.sources
        self.tree = tree
        self.rates = rates
        // The missed ranges, the four orders and the previous run's files on both cores: 20 000
        // files took 40 ms on one. The longest tasks first and the ranges in two halves, so that
        // both cores end together: as four tasks (the orders first, the lookups last) a 20 000-file
        // tick's cores took 17–20 ms, one of them idle for the last 8.
        let previousFiles = component.previous
        let made = Slots<[[Int]]>(count: 1)
        let halves = [0..<tree.entries.count / 2, tree.entries.count / 2..<tree.entries.count]
        let missed = Slots<(ranges: [MissedRanges], digests: [(UInt64, UInt64)])>(count: halves.count)
        let matched = Slots<[Int]>(count: 1)
        let looked = Slots<Looked>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 5) { index in
            switch index {
            case 0: looked.set(0, Looked(tree: tree, rates: rates, component: component.name))
            case 1: made.set(0, FileOrder.orders(of: tree.entries))
            // Each row's digest with its ranges, in two halves: made on one core after the parallel
            // tasks, the digests were 5 ms of a 20 000-file tick's critical path.
            case 2, 3: missed.set(index - 2, Self.rangesAndDigests(of: tree, halves[index - 2]))
            default: matched.set(0, Self.match(tree.entries, in: previousFiles?.displayPaths ?? []))
            }
        }
        let slots = looked.get(0) ?? Looked(tree: tree, rates: rates, component: component.name)
        entrySlots = slots.entries
        folderSlots = slots.folders
        folderColumns = slots.columns
        lineageDigests = slots.lineages
        folderCrumbs = slots.crumbs
        folderPages = slots.folderPages
        let parts = halves.indices.map { missed.get($0) ?? Self.rangesAndDigests(of: tree, halves[$0]) }
        let (ranges, digests) = (parts.flatMap(\.ranges), parts.flatMap(\.digests))
        self.ranges = ranges
        self.previousFiles = previousFiles
        previousIndex = matched.get(0) ?? []
        let orders = made.get(0) ?? FileOrder.allCases.map { _ in [] }
        self.orders = orders
        incompleteOrders = orders.map { order in order.filter { !tree.entries[$0].file.counts.isComplete } }
        rowDigests = digests
        listRows = ListRows(count: tree.entries.count) { index, row in
            ListingRow.file(
                name: tree.entries[index].file.displayPath, page: "f/" + tree.entries[index].slug + ".html",
                anchor: nil, counts: tree.entries[index].file.counts, ranges: ranges[index], sparkline: nil,
                levels: look.levels, into: &row)
        }
    }

    /// The missed line ranges of the entries in `part`, and their rows' digests (`PageFingerprint.rowDigest`).
    private static func rangesAndDigests(of tree: DirectoryTree, _ part: Range<Int>) -> (
        ranges: [MissedRanges], digests: [(UInt64, UInt64)]
    ) {
        let ranges = part.map { MissedRanges(tree.entries[$0].file.lines) }
        return (ranges, zip(part, ranges).map { PageFingerprint.rowDigest($0, of: tree, ranges: $1) })
    }

    /// The breadcrumbs of `folder` on a page whose links start with `root`.
    func crumbs(folder: Int, root: String) -> [Breadcrumbs.Crumb] {
        root == Self.crumbsRoot
            ? folderCrumbs[folder] : Breadcrumbs.of(folder: folder, in: tree, component: name, root: root)
    }

    /// The link to `folder`'s page from a page whose links start with `root`.
    func folderPage(_ folder: Int, root: String) -> String {
        root == Self.crumbsRoot ? folderPages[folder] : root + SiteLayout.folder(name, slug: tree.folders[folder].slug)
    }

    /// What the pages of a component look up by path or walk up the tree for, made once.
    private struct Looked: Sendable {
        let entries: [Int?]
        let folders: [Int?]
        let columns: [[Int]]
        let lineages: [(UInt64, UInt64)]
        let crumbs: [[Breadcrumbs.Crumb]]
        let folderPages: [String]

        init(tree: DirectoryTree, rates: RecentRates, component: String) {
            // By index: a copy of each entry or folder would retain its file (name, lines, ...) or
            // lists, cold objects a tick does not otherwise read.
            let entries = tree.entries.indices.map {
                rates.slot(of: tree.entries[$0].file.displayPath, newest: tree.entries[$0].source)
            }
            let folders = tree.folders.indices.map { rates.slot(of: tree.folders[$0].path) }
            self.entries = entries
            self.folders = folders
            columns = tree.folders.indices.map { index in
                let folder = tree.folders[index]
                return rates.columns(
                    changingSlots: [folders[index]] + folder.folders.map { folders[$0] }
                        + folder.files.map { entries[$0] })
            }
            // A folder comes after its parent in `tree.folders`, so each digest extends its parent's.
            var lineages: [(UInt64, UInt64)] = []
            lineages.reserveCapacity(tree.folders.count)
            for index in tree.folders.indices {
                var key = PageKey()
                if let parent = tree.folders[index].parent {
                    key.add(word: lineages[parent].0)
                    key.add(word: lineages[parent].1)
                }
                key.add(tree.folders[index].name)
                key.add(tree.folders[index].path)
                key.add(tree.folders[index].slug)
                lineages.append(key.words)
            }
            self.lineages = lineages
            crumbs = tree.folders.indices.map {
                Breadcrumbs.of(folder: $0, in: tree, component: component, root: ComponentContext.crumbsRoot)
            }
            folderPages = tree.folders.indices.map {
                ComponentContext.crumbsRoot + SiteLayout.folder(component, slug: tree.folders[$0].slug)
            }
        }
    }

    /// For each entry, the index in `files` of the first file with the same display path, or -1.
    ///
    /// A report keeps its files in name order, run after run, so the previous run's display paths
    /// usually rise strictly (no path twice) and an entry's file sits at its own place there: then
    /// each entry is checked at that place and otherwise found by binary search, without a
    /// dictionary of every path (hashing 20 000 paths twice was most of this).
    private static func match(_ entries: [DirectoryTree.Entry], in paths: [String]) -> [Int] {
        guard !paths.isEmpty else { return [Int](repeating: -1, count: entries.count) }
        // By index: a copy of an entry retains each of its references.
        if paths.indices.dropFirst().allSatisfy({ paths[$0 - 1] < paths[$0] }) {
            return entries.indices.map { index in
                let (path, source) = (entries[index].file.displayPath, entries[index].source)
                if source < paths.count, paths[source] == path { return source }
                var (low, high) = (0, paths.count)
                while low < high {
                    let middle = (low + high) / 2
                    if paths[middle] < path { low = middle + 1 } else { high = middle }
                }
                return low < paths.count && paths[low] == path ? low : -1
            }
        }
        var places: [String: Int] = [:]
        places.reserveCapacity(paths.count)
        // Backwards, so that the first file of a display path is the one kept.
        for index in paths.indices.reversed() { places[paths[index]] = index }
        return entries.map { places[$0.file.displayPath] ?? -1 }
    }

    /// `NewlyUncovered.lines` of entry `index` against the previous run, from the two files' lines
    /// in place (a copy of each file retained its four references, twice per page; the previous
    /// run's lines are read where they are stored).
    func newlyUncovered(_ index: Int) -> [Int] {
        let place = previousIndex[index]
        guard place >= 0, let previousFiles else { return [] }
        return NewlyUncovered.lines(current: tree.entries[index].file.lines) { body in
            previousFiles.forEachLine(ofFile: place, body)
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

    /// Entries in every order, by `allCases`: paths in natural order; the others worst first, with
    /// files that have nothing to measure last, ties by path.
    ///
    /// The path order is sorted once, over the paths' bytes in one buffer, and the others over keys
    /// read once: comparing through the entries copied a file's value (four references) per
    /// comparison, a tenth of a cron tick's time in reference counting (docs/performance.md).
    static func orders(of entries: [DirectoryTree.Entry]) -> [[Int]] {
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        spans.reserveCapacity(entries.count)
        for index in entries.indices {
            let start = bytes.count
            bytes.append(contentsOf: entries[index].file.displayPath.utf8)
            spans.append(start..<bytes.count)
        }
        let byPath = bytes.withUnsafeBufferPointer { buffer in
            entries.indices.sorted { a, b in
                NaturalOrder.compare(
                    UnsafeBufferPointer(rebasing: buffer[spans[a]]), UnsafeBufferPointer(rebasing: buffer[spans[b]]))
                    < 0
            }
        }
        var place = [Int](repeating: 0, count: entries.count)
        for (position, index) in byPath.enumerated() { place[index] = position }
        let counts = entries.indices.map { entries[$0].file.counts }
        return allCases.map { order in
            guard order != .path else { return byPath }
            let keys = counts.map(order.key)
            return byPath.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : place[a] < place[b] }
        }
    }

    /// The sort key of a file's counts in this order (not `path`, which sorts by name).
    private func key(_ counts: Counts) -> Key {
        switch self {
        case .path: return Key(missing: 0, value: 0)
        case .lineCoverage: return counts.lineRate.map { Key(missing: 0, value: $0) } ?? Key(missing: 1, value: 0)
        case .missed: return Key(missing: 0, value: -Double(counts.linesMissed))
        case .branchCoverage: return counts.branchRate.map { Key(missing: 0, value: $0) } ?? Key(missing: 1, value: 0)
        }
    }

    /// Files with nothing to measure (`missing` 1) after the others; then by value.
    private struct Key: Comparable {
        let missing: Int
        let value: Double

        static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.missing != rhs.missing ? lhs.missing < rhs.missing : lhs.value < rhs.value
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
