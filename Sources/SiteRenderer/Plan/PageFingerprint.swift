import CoverageAnalysis
import CoverageModel

/// Every page's fingerprint, in one place: a hash of everything the page is drawn from, computed
/// without drawing it. An incremental render draws only the pages whose fingerprint is not in the
/// published site's manifest, so a page must never show anything that is not added here (the
/// incremental render tests compare incremental sites with full ones byte for byte).
///
/// Every fingerprint starts with the page format and the templates' version (a change of either
/// redraws every page), the kind of page and its path.
enum PageFingerprint {
    /// Changed whenever the Swift code draws a page differently with the same templates, so a
    /// site published by an older Tidemark is drawn again in full.
    static let format = "pages-2: one page per file"

    /// A page of a listing (a folder's, or a flat list): which page of it, and the fingerprint of
    /// the whole listing (`folderListing`, `fileList`), which every page shares since its links
    /// name the rows of the other pages.
    static func listingPage(_ listing: PageKey, page: Int, path: String, version: String, component: ComponentContext) -> PageKey {
        var key = start("listing page", path: path, version: version, component: component)
        key.add(listing)
        key.add(word: UInt64(page))
        return key
    }

    /// A folder's listing: the folder's place (breadcrumbs), totals and recent rates, and every row.
    static func folderListing(_ context: ComponentContext, folder index: Int, worstFirst: Bool) -> PageKey {
        var key = PageKey()
        key.add("listing")
        key.add(word: worstFirst ? 1 : 0)
        addPlace(of: index, in: context, to: &key)
        for row in ListingPage.rows(of: index, in: context, worstFirst: worstFirst) {
            switch row {
            case .folder(let child):
                let folder = context.tree.folders[child]
                key.add(word: 1)
                key.add(folder.path)
                key.add(folder.name)
                key.add(folder.slug)
                addCounts(folder.counts, rates: folder.path, in: context, to: &key)
            case .file(let entry):
                key.add(word: 2)
                addRow(entry, in: context, to: &key)
                addRates(of: context.tree.entries[entry].file.displayPath, in: context, to: &key)
            }
        }
        return key
    }

    /// A component's flat list: every row of the list in its order, and the counts its summary gives.
    static func fileList(_ context: ComponentContext, order: FileOrder, onlyIncomplete: Bool) -> PageKey {
        var key = PageKey()
        key.add("list")
        key.add(word: UInt64(order.rawValue))
        key.add(word: onlyIncomplete ? 1 : 0)
        key.add(word: UInt64(context.tree.entries.count))
        key.add(word: UInt64(context.incompleteOrders[0].count))
        for entry in context.entries(order, onlyIncomplete: onlyIncomplete) { addRow(entry, in: context, to: &key) }
        return key
    }

    /// A file's page: its place, neighbours, every measured line, branch targets and functions,
    /// what became uncovered since the previous run, its recent rates, and its source — a file's
    /// size, time and inode (`SourceText.file`) stand in for its text — or why it has none.
    static func filePage(
        _ context: ComponentContext, entry index: Int, source: SourceText, sourceRoot: String?, path: String, version: String
    ) -> PageKey {
        var key = start("file", path: path, version: version, component: context)
        let tree = context.tree
        let entry = tree.entries[index]
        let file = entry.file
        key.add(context.producer.rawValue)
        key.add(file.name)
        key.add(file.key ?? "\u{0}")
        addRow(index, in: context, to: &key)
        addLineage(of: entry.folder, in: context, to: &key)
        let position = tree.positions[index]
        for neighbour in [position - 1, position + 1] {
            guard tree.sequence.indices.contains(neighbour) else {
                key.add(word: 0)
                continue
            }
            let other = tree.entries[tree.sequence[neighbour]]
            key.add(other.file.displayPath)
            key.add(other.slug)
        }
        addLines(of: file, to: &key)
        key.add(pod: NewlyUncovered.lines(current: file, previous: context.previous[file.displayPath]))
        addRates(of: file.displayPath, in: context, to: &key)
        for source in context.reportSources { key.add(source) }
        key.add(sourceRoot ?? "\u{0}")
        switch source {
        case .lines(let lines): for line in lines { key.add(line) }
        case .unavailable(let reason): key.add("unavailable:" + reason)
        case .notFound(let reason): key.add("not found:" + reason)
        case .file(let path, let stamp):
            key.add(path)
            key.add(stamp)
        }
        return key
    }

    // MARK: - Parts

    private static func start(_ kind: String, path: String, version: String, component: ComponentContext) -> PageKey {
        var key = PageKey()
        key.add(format)
        key.add(version)
        key.add(kind)
        key.add(path)
        key.add(component.name)
        return key
    }

    /// A folder's breadcrumbs and totals: its lineage and its own counts and recent rates.
    private static func addPlace(of folder: Int, in context: ComponentContext, to key: inout PageKey) {
        addLineage(of: folder, in: context, to: &key)
        addCounts(context.tree.folders[folder].counts, rates: context.tree.folders[folder].path, in: context, to: &key)
    }

    /// Every folder from the root down to `folder`: names, paths and slugs (breadcrumbs, links).
    private static func addLineage(of folder: Int, in context: ComponentContext, to key: inout PageKey) {
        for index in context.tree.lineage(of: folder) {
            key.add(context.tree.folders[index].name)
            key.add(context.tree.folders[index].path)
            key.add(context.tree.folders[index].slug)
        }
    }

    /// What a file's row shows in any listing: its name and path, its id and page, counts, missed ranges.
    private static func addRow(_ index: Int, in context: ComponentContext, to key: inout PageKey) {
        // Field by field from the array: a copy of the entry retained every reference in it.
        key.add(context.tree.entries[index].file.displayPath)
        key.add(context.tree.entries[index].name)
        key.add(context.tree.entries[index].anchor)
        key.add(context.tree.entries[index].slug)
        addCounts(context.tree.entries[index].file.counts, rates: nil, in: context, to: &key)
        key.add(word: UInt64(context.ranges[index].ranges.count))
        for range in context.ranges[index].ranges {
            key.add(word: UInt64(UInt32(truncatingIfNeeded: range.first)) << 32 | UInt64(UInt32(truncatingIfNeeded: range.last)))
        }
    }

    private static func addCounts(_ counts: Counts, rates path: String?, in context: ComponentContext, to key: inout PageKey) {
        for count in [counts.linesCovered, counts.linesValid, counts.branchesCovered, counts.branchesValid] {
            key.add(word: UInt64(bitPattern: Int64(count)))
        }
        if let path { addRates(of: path, in: context, to: &key) }
    }

    private static func addRates(of path: String, in context: ComponentContext, to key: inout PageKey) {
        var count: UInt64 = 0
        context.rates.forEachRate(of: path) { rate in
            key.add(word: rate.bitPattern)
            count += 1
        }
        key.add(word: count)
    }

    /// Every measured line (field by field: a struct's padding bytes are not defined), coverage.py's
    /// untaken branch targets and the functions.
    private static func addLines(of file: SourceFile, to key: inout PageKey) {
        key.add(word: UInt64(file.lines.count))
        for line in file.lines {
            key.add(word: UInt64(bitPattern: line.hits))
            key.add(word: UInt64(UInt32(truncatingIfNeeded: line.number)) << 32 | UInt64(UInt32(bitPattern: line.branchesValid)))
            key.add(word: UInt64(UInt32(bitPattern: line.branchesCovered)))
        }
        for (line, targets) in file.missingBranches.sorted(by: { $0.key < $1.key }) {
            key.add(word: UInt64(bitPattern: Int64(line)))
            key.add(targets)
        }
        key.add(word: UInt64(file.functions.count))
        for function in file.functions {
            key.add(function.name)
            key.add(function.signature)
            for value in [Int64(function.line), function.hits, Int64(function.linesValid), Int64(function.linesCovered)] {
                key.add(word: UInt64(bitPattern: value))
            }
        }
    }
}
