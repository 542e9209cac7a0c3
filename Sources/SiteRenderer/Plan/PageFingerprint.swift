import CoverageAnalysis
import CoverageModel

/// Every page's fingerprint, in one place: a hash of everything the page is drawn from, computed
/// without drawing it. An incremental render draws only the pages whose fingerprint is not in the
/// published site's manifest, so a page must never show anything that is not added here (the
/// incremental render tests compare incremental sites with full ones byte for byte).
///
/// Every fingerprint starts with the page format and the templates' version (a change of either
/// redraws every page), the kind of page and its path (a file page: after its component's parts,
/// `filePageBase`, hashed once per component).
enum PageFingerprint {
    /// Changed whenever the Swift code draws a page differently with the same templates, so a
    /// site published by an older Tidemark is drawn again in full.
    static let format =
        "pages-4: lines that became uncovered as ranges; one branch in the singular; no ()V from istanbul; — for no lines"

    /// A page of a folder's listing: the folder's place (breadcrumbs), totals and recent rates, the
    /// labels of every page's link (their first and last rows), the rows of this page, and on the
    /// first page by path the old ids of the files on later pages. A change in one file redraws the
    /// pages that show it, not every page of a large folder.
    static func folderListing(
        _ context: ComponentContext, folder index: Int, worstFirst: Bool, page: Int, path: String, version: String
    ) -> PageKey {
        var key = start("listing", path: path, version: version, component: context)
        key.add(word: worstFirst ? 1 : 0)
        key.add(word: UInt64(page))
        addLineage(of: index, in: context, to: &key)
        let rows = ListingPage.rows(of: index, in: context, worstFirst: worstFirst)
        let columns = context.folderColumns[index]
        addCounts(context.tree.folders[index].counts, to: &key)
        addRates(slot: context.folderSlots[index], at: columns, in: context, to: &key)
        let pages = ListingPaging.pages(count: rows.count)
        key.add(word: UInt64(pages.count))
        if pages.count > 1 {
            for range in pages {
                key.add(ListingPage.keyText(rows[range.lowerBound], worstFirst: worstFirst, tree: context.tree))
                key.add(ListingPage.keyText(rows[range.upperBound - 1], worstFirst: worstFirst, tree: context.tree))
            }
        }
        for row in rows[pages[page - 1]] {
            switch row {
            case .folder(let child):
                key.add(word: 1)
                key.add(context.tree.folders[child].path)
                key.add(context.tree.folders[child].name)
                key.add(context.tree.folders[child].slug)
                addCounts(context.tree.folders[child].counts, to: &key)
            case .file(let entry):
                key.add(word: 2)
                addRow(entry, in: context, to: &key)
            }
            addRates(slot: ListingPage.rateSlot(of: row, in: context), at: columns, in: context, to: &key)
        }
        if !worstFirst, page == 1 {
            for case .file(let entry) in rows[pages[0].upperBound...] {
                key.add(context.tree.entries[entry].name)
                key.add(context.tree.entries[entry].anchor)
                key.add(context.tree.entries[entry].slug)
            }
        }
        return key
    }

    /// A page of a component's flat list: the counts its summary gives, the labels of every page's
    /// link, and the rows of this page.
    static func fileList(
        _ context: ComponentContext, order: FileOrder, onlyIncomplete: Bool, page: Int, path: String, version: String
    ) -> PageKey {
        var key = start("list", path: path, version: version, component: context)
        key.add(word: UInt64(order.rawValue))
        key.add(word: onlyIncomplete ? 1 : 0)
        key.add(word: UInt64(page))
        key.add(word: UInt64(context.tree.entries.count))
        key.add(word: UInt64(context.incompleteOrders[0].count))
        let entries = context.entries(order, onlyIncomplete: onlyIncomplete)
        let pages = ListingPaging.pages(count: entries.count)
        key.add(word: UInt64(pages.count))
        if pages.count > 1 {
            for range in pages {
                key.add(order.keyText(context.tree.entries[entries[range.lowerBound]]))
                key.add(order.keyText(context.tree.entries[entries[range.upperBound - 1]]))
            }
        }
        for entry in entries[pages[page - 1]] { addRow(entry, in: context, to: &key) }
        return key
    }

    /// What every file page of a component starts its key with, made once per component: the
    /// format, version and kind, the component's name, look and producer, its report's sources and
    /// its source root. A 20 000-file cron tick hashed these eight strings again for every page.
    static func filePageBase(_ context: ComponentContext, sourceRoot: String?, version: String) -> PageKey {
        var key = PageKey()
        key.add(format)
        key.add(version)
        key.add("file")
        key.add(context.name)
        context.look.add(to: &key)
        key.add(context.producer.rawValue)
        key.add(word: UInt64(context.reportSources.count))
        for source in context.reportSources { key.add(source) }
        key.add(sourceRoot ?? "\u{0}")
        return key
    }

    /// A file's page: its place, neighbours, every measured line, branch targets and functions,
    /// what became uncovered since the previous run, its recent rates, and its source — a file's
    /// size, time and inode (`SourceText.file`) stand in for its text — or why it has none. Starts
    /// from `base` (`filePageBase`), then the page's path.
    static func filePage(
        base: PageKey, _ context: ComponentContext, entry index: Int, source: SourceText, path: String
    ) -> PageKey {
        var key = base
        key.add(path)
        // Fields read in place: a copy of the entry retained each of its references (twice per page
        // with the neighbours), from both cores.
        let tree = context.tree
        key.add(tree.entries[index].file.name)
        key.add(tree.entries[index].file.key ?? "\u{0}")
        addRow(index, in: context, to: &key)
        addLineage(of: tree.entries[index].folder, in: context, to: &key)
        let position = tree.positions[index]
        addNeighbour(at: position - 1, in: tree, to: &key)
        addNeighbour(at: position + 1, in: tree, to: &key)
        addLines(
            tree.entries[index].file.lines, missingBranches: tree.entries[index].file.missingBranches,
            functions: tree.entries[index].file.functions, to: &key)
        key.add(pod: context.newlyUncovered(index))
        var changes: UInt64 = 0
        context.rates.forEachChange(slot: context.entrySlots[index]) { rate in
            key.add(word: rate.bitPattern)
            changes += 1
        }
        key.add(word: changes)
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
        // Every page of a component shows its stale banner and its levels.
        component.look.add(to: &key)
        return key
    }

    /// Every folder from the root down to `folder`: names, paths and slugs (breadcrumbs, links), as
    /// the digest the context made of them.
    private static func addLineage(of folder: Int, in context: ComponentContext, to key: inout PageKey) {
        key.add(word: context.lineageDigests[folder].0)
        key.add(word: context.lineageDigests[folder].1)
    }

    /// The file at `position` of the reading order (a previous/next link): its path and slug.
    private static func addNeighbour(at position: Int, in tree: DirectoryTree, to key: inout PageKey) {
        guard tree.sequence.indices.contains(position) else {
            key.add(word: 0)
            return
        }
        key.add(tree.entries[tree.sequence[position]].file.displayPath)
        key.add(tree.entries[tree.sequence[position]].slug)
    }

    /// What a file's row shows in any listing, as its digest (`rowDigest`), made once per render.
    private static func addRow(_ index: Int, in context: ComponentContext, to key: inout PageKey) {
        key.add(word: context.rowDigests[index].0)
        key.add(word: context.rowDigests[index].1)
    }

    /// What a file's row shows in any listing: its name and path, its id and page, counts, missed
    /// ranges. Flat lists and listings add this digest for each of their rows, so the eight flat
    /// lists hash 160 000 rows' words, not their text (6 % of a cron tick).
    static func rowDigest(_ index: Int, of tree: DirectoryTree, ranges: MissedRanges) -> (UInt64, UInt64) {
        var key = PageKey()
        // Field by field from the array: a copy of the entry retained every reference in it.
        key.add(tree.entries[index].file.displayPath)
        key.add(tree.entries[index].name)
        key.add(tree.entries[index].anchor)
        key.add(tree.entries[index].slug)
        addCounts(tree.entries[index].file.counts, to: &key)
        key.add(word: UInt64(ranges.ranges.count))
        for range in ranges.ranges {
            key.add(
                word: UInt64(UInt32(truncatingIfNeeded: range.first)) << 32
                    | UInt64(UInt32(truncatingIfNeeded: range.last)))
        }
        return key.words
    }

    private static func addCounts(_ counts: Counts, to key: inout PageKey) {
        key.add(word: UInt64(bitPattern: Int64(counts.linesCovered)))
        key.add(word: UInt64(bitPattern: Int64(counts.linesValid)))
        key.add(word: UInt64(bitPattern: Int64(counts.branchesCovered)))
        key.add(word: UInt64(bitPattern: Int64(counts.branchesValid)))
    }

    /// The rates a folder's listing shows of the path in `slot`, at its columns.
    private static func addRates(
        slot: Int?, at columns: [Int], in context: ComponentContext, to key: inout PageKey
    ) {
        var count: UInt64 = 0
        context.rates.forEachRate(slot: slot, at: columns) { rate in
            key.add(word: rate.bitPattern)
            count += 1
        }
        key.add(word: count)
    }

    /// Every measured line (field by field: a struct's padding bytes are not defined), coverage.py's
    /// untaken branch targets and the functions, each array handed over alone: a file's value passed
    /// whole was copied from its entry, its five objects retained, for every page.
    private static func addLines(
        _ lines: [LineCoverage], missingBranches: [Int: String], functions: [FunctionCoverage], to key: inout PageKey
    ) {
        key.add(word: UInt64(lines.count))
        for line in lines {
            key.add(word: UInt64(bitPattern: line.hits))
            key.add(
                word: UInt64(UInt32(truncatingIfNeeded: line.number)) << 32
                    | UInt64(UInt32(bitPattern: line.branchesValid)))
            key.add(word: UInt64(UInt32(bitPattern: line.branchesCovered)))
        }
        for (line, targets) in missingBranches.sorted(by: { $0.key < $1.key }) {
            key.add(word: UInt64(bitPattern: Int64(line)))
            key.add(targets)
        }
        key.add(word: UInt64(functions.count))
        for function in functions {
            key.add(function.name)
            key.add(function.signature)
            key.add(word: UInt64(bitPattern: Int64(function.line)))
            key.add(word: function.hits.map { UInt64(bitPattern: $0) } ?? UInt64.max)
            key.add(word: UInt64(bitPattern: Int64(function.linesValid)))
            key.add(word: UInt64(bitPattern: Int64(function.linesCovered)))
        }
    }
}
