import CoverageModel
import Formatting
import Templating

/// One folder of a component (or its root): totals, then its folders and files with their counts,
/// missed ranges and sparklines, by path (natural order) or worst first, a thousand rows per page.
/// Each file's row links to the file's page; on the by-path pages the row keeps the id its file's
/// section had before files had pages (`f:<name>`), and page 1 keeps one for every file of the
/// folder, so old links still land on the file.
struct ListingPage {
    let title: String
    /// The stale banner and the levels legend, as every page of the component has them.
    let look: ComponentLook
    let root: String
    let pathText: String
    let crumbs: [Breadcrumbs.Crumb]
    let totals: CountsText
    let sparkline: String
    let isWorstFirst: Bool
    let byPathLink: String
    let worstFirstLink: String
    /// The component's flat lists of files.
    let fileLists: [NavLink]
    let pages: [NavLink]
    let rowsHTML: [UInt8]
    let hasEntries: Bool
    /// Whether any row of the page has a sparkline (else the column is left out).
    let showsRecentRuns: Bool
    /// Links with the old ids of the folder's files on later pages (page 1 of the by-path order only).
    let laterAnchorsHTML: [UInt8]

    /// The folder's rows in an order: folders then files by name, or everything by most missed lines.
    static func rows(of folder: Int, in context: ComponentContext, worstFirst: Bool) -> [Row] {
        let tree = context.tree
        var rows = tree.folders[folder].folders.map { Row.folder($0) } + tree.folders[folder].files.map { Row.file($0) }
        if worstFirst {
            func missed(_ row: Row) -> Int {
                switch row {
                case .folder(let index): tree.folders[index].counts.linesMissed
                case .file(let index): tree.entries[index].file.counts.linesMissed
                }
            }
            // Stable: ties keep the by-path order.
            rows = rows.enumerated().sorted { (missed($1.element), $0.offset) < (missed($0.element), $1.offset) }.map(
                \.element)
        }
        return rows
    }

    enum Row: Sendable {
        case folder(Int)
        case file(Int)
    }

    /// The slot a row's recent rates are kept under (`ComponentContext.entrySlots`, `folderSlots`).
    static func rateSlot(of row: Row, in context: ComponentContext) -> Int? {
        switch row {
        case .folder(let child): context.folderSlots[child]
        case .file(let entry): context.entrySlots[entry]
        }
    }

    init(context: ComponentContext, folder index: Int, worstFirst: Bool, page: Int, path: String) {
        look = context.look
        let tree = context.tree
        let folder = tree.folders[index]
        let component = context.name
        let root = SiteLayout.root(of: path)
        self.root = root
        let local = SiteLayout.componentFolder(of: path)
        title = folder.parent == nil ? "\(component) — files" : "\(component) — \(folder.path)"
        pathText = folder.parent == nil ? "/" : folder.path
        crumbs = context.crumbs(folder: index, root: root)
        totals = CountsText(folder.counts, levels: context.look.levels)
        let rows = Self.rows(of: index, in: context, worstFirst: worstFirst)
        // The columns in which the folder or one of its rows changed (`RecentRates.columns(changingSlots:)`).
        let columns = context.folderColumns[index]
        let rates = context.rates.rates(slot: context.folderSlots[index], at: columns)
        sparkline =
            rates.count < 2
            ? "" : Sparkline(label: "\(component) \(pathText): line coverage over recent runs", rates: rates).svg()
        isWorstFirst = worstFirst
        byPathLink = root + SiteLayout.folder(component, slug: folder.slug)
        worstFirstLink = root + SiteLayout.folder(component, slug: folder.slug, worstFirst: true)
        fileLists = FileListPage.links(component: component, from: path)
        let pageRows = ListingPaging.pages(count: rows.count)[page - 1]
        pages = ListingPaging.links(
            count: rows.count, current: page,
            key: { position in Self.keyText(rows[position], worstFirst: worstFirst, tree: tree) },
            link: { root + SiteLayout.folder(component, slug: folder.slug, worstFirst: worstFirst, page: $0) })
        // The recent-runs column only when a row of the page has a sparkline to show.
        let sparklines = rows[pageRows].map { row in
            let rates = context.rates.rates(slot: Self.rateSlot(of: row, in: context), at: columns)
            return switch row {
            case .folder(let child): Self.sparkline(label: tree.folders[child].name + "/", rates: rates)
            case .file(let entry): Self.sparkline(label: tree.entries[entry].name, rates: rates)
            }
        }
        showsRecentRuns = sparklines.contains { !$0.isEmpty }
        var html = ByteSink(capacity: pageRows.count * 1_200)
        for (row, sparkline) in zip(rows[pageRows], sparklines) {
            switch row {
            case .folder(let child):
                let sub = tree.folders[child]
                ListingRow.folder(
                    name: sub.name,
                    link: local + SiteLayout.withinComponent(SiteLayout.folder(component, slug: sub.slug)),
                    counts: sub.counts, sparkline: showsRecentRuns ? sparkline : nil, levels: context.look.levels,
                    into: &html)
            case .file(let entryIndex):
                // Field by field: a copy of the entry retained its file's five objects and its three
                // strings for each of 20 000 rows.
                ListingRow.file(
                    name: tree.entries[entryIndex].name, page: local + "f/" + tree.entries[entryIndex].slug + ".html",
                    anchor: worstFirst ? nil : tree.entries[entryIndex].anchor,
                    counts: tree.entries[entryIndex].file.counts, ranges: context.ranges[entryIndex],
                    sparkline: showsRecentRuns ? sparkline : nil, levels: context.look.levels, into: &html)
            }
        }
        rowsHTML = html.bytes()
        hasEntries = !rows.isEmpty
        var later: [UInt8] = []
        if !worstFirst, page == 1, pageRows.upperBound < rows.count {
            for case .file(let entryIndex) in rows[pageRows.upperBound...] {
                if !later.isEmpty { later.append(" · ") }
                later.append(#"<a id=""#)
                later.appendEscaped(tree.entries[entryIndex].anchor)
                later.append(#"" href=""#)
                later.appendEscaped(local + "f/" + tree.entries[entryIndex].slug + ".html")
                later.append(#"">"#)
                later.appendEscaped(tree.entries[entryIndex].name)
                later.append("</a>")
            }
        }
        laterAnchorsHTML = later
    }

    /// A row's sparkline, drawn only when its coverage moved over the recent runs: a lone dot or a
    /// flat line says nothing, and a thousand of them made a listing page half as big again.
    private static func sparkline(label: String, rates: [Double?]) -> String {
        rates.count < 2 ? "" : Sparkline(label: label + ": line coverage over recent runs", rates: rates).svg()
    }

    /// What a row is sorted by, as the page links show it.
    static func keyText(_ row: Row, worstFirst: Bool, tree: DirectoryTree) -> String {
        switch row {
        case .folder(let index):
            worstFirst ? "\(tree.folders[index].counts.linesMissed) missed" : tree.folders[index].name + "/"
        case .file(let index):
            worstFirst ? "\(tree.entries[index].file.counts.linesMissed) missed" : tree.entries[index].name
        }
    }
}

extension ListingPage: TemplateModel {
    var templateValue: TemplateValue {
        let fields: TemplateObject = [
            "title": .text(title), "root": .text(root), "pathText": .text(pathText),
            "crumbs": Breadcrumbs.templateValue(crumbs), "totals": totals.templateValue, "sparkline": .text(sparkline),
            "isWorstFirst": .bool(isWorstFirst), "byPathLink": .text(byPathLink),
            "worstFirstLink": .text(worstFirstLink),
            "fileLists": .list(fileLists.map(\.templateValue)),
            "pages": .list(pages.map(\.templateValue)), "hasPages": .bool(!pages.isEmpty),
            "tableHead": .text(ListingRow.head(withRecentRuns: showsRecentRuns)),
            // The rows come as markup: a template value per entry would cost more than the page itself.
            "rowsHTML": .utf8(rowsHTML), "hasEntries": .bool(hasEntries),
            "laterAnchorsHTML": .utf8(laterAnchorsHTML), "hasLaterAnchors": .bool(!laterAnchorsHTML.isEmpty),
        ]
        return .object(fields.adding(look.templateFields))
    }
}

/// A `Counts` value as the pages show it.
struct CountsText {
    let linesText: String
    let missedText: String
    let lineRateText: String
    /// The `<meter>` element's attributes (`CoverageLevels.meterAttributes`).
    let lineMeter: String
    let lineLevel: String
    let branchesText: String
    let branchRateText: String
    let branchLevel: String
    let hasBranches: Bool

    init(_ counts: Counts, levels: CoverageLevels = .defaults) {
        linesText = Self.fraction(counts.linesCovered, counts.linesValid)
        missedText = DisplayFormat.count(counts.linesMissed)
        lineRateText = DisplayFormat.percent(counts.lineRate)
        lineMeter = levels.meterAttributes(counts.lineRate, .line)
        lineLevel = levels.cssClass(counts.lineRate, .line)
        branchesText = counts.measuresBranches ? Self.fraction(counts.branchesCovered, counts.branchesValid) : "n/a"
        branchRateText = DisplayFormat.percent(counts.branchRate)
        branchLevel = levels.cssClass(counts.branchRate, .branch)
        hasBranches = counts.measuresBranches
    }

    /// `12 / 20`, made as bytes (every page's totals have two).
    private static func fraction(_ part: Int, _ whole: Int) -> String {
        var text = ByteSink(capacity: 48)
        text.appendDecimal(part)
        text.append(" / ")
        text.appendDecimal(whole)
        return text.text()
    }
}
