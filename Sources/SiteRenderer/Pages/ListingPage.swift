import Formatting
import CoverageModel

/// A component's root or one of its directories: totals, then every child directory and file with
/// its counts and sparkline, in one of two orders (by path, or worst first by uncovered lines). The
/// by-path page then shows each of the directory's own files with its annotated source.
struct ListingPage {
    /// One child directory or file: its name and sort keys, and its table row already drawn (the
    /// same markup in both orders, so it is built once).
    struct Entry {
        let name: String
        let isDirectory: Bool
        let sparkline: String
        /// The row's markup, UTF-8.
        let html: [UInt8]
    }

    struct Crumb {
        let name: String
        let link: String
    }

    let title: String
    let root: String
    let component: String
    let pathText: String
    let crumbs: [Crumb]
    let totals: CountsText
    let sparkline: String
    let isWorstFirst: Bool
    let byPathLink: String
    let worstFirstLink: String
    let entries: [Entry]
    let hasEntries: Bool
    /// The directory's own files, in path order; only on the by-path page.
    var files: [FileSection] {
        didSet { hasFiles = !files.isEmpty }
    }
    private(set) var hasFiles: Bool
    /// Links to every page of the folder's files when they take more than one (`FilePlacement`).
    var parts: [FilePartPage.Link] = []
    /// The stale banner and the levels legend.
    let look: ComponentLook

    /// A node's rows with the uncovered count each order sorts by; built once for both orders.
    typealias Rows = [(entry: Entry, missed: Int)]

    init(
        component: String, node: DirectoryTree.Node, worstFirst: Bool, page: String, rates: RecentRates,
        rows prebuilt: Rows, look: ComponentLook = ComponentLook(staleText: "", levels: .defaults)
    ) {
        self.look = look
        let root = SiteLayout.root(of: page)
        self.root = root
        self.component = component
        title = node.path.isEmpty ? "\(component) — files" : "\(component) — \(node.path)"
        pathText = node.path.isEmpty ? "/" : node.path
        crumbs = Self.crumbs(component: component, node: node, root: root)
        totals = CountsText(node.counts, levels: look.levels)
        sparkline = Sparkline(label: "\(component) \(pathText): line coverage over recent runs", rates: rates.rates(of: node.path)).svg()
        isWorstFirst = worstFirst
        byPathLink = root + SiteLayout.directory(component, node)
        worstFirstLink = root + SiteLayout.directory(component, node, worstFirst: true)
        var rows = prebuilt
        if worstFirst {
            rows.sort { ($1.missed, $0.entry.name) < ($0.missed, $1.entry.name) }
        } else {
            rows.sort { ($0.entry.isDirectory ? 0 : 1, $0.entry.name) < ($1.entry.isDirectory ? 0 : 1, $1.entry.name) }
        }
        entries = rows.map(\.entry)
        hasEntries = !entries.isEmpty
        files = []
        hasFiles = false
    }

    /// Every child directory and file of `node` as a row, unsorted.
    static func rows(
        component: String, node: DirectoryTree.Node, root: String, rates: RecentRates, placement: FilePlacement,
        levels: CoverageLevels = .defaults
    ) -> Rows {
        var rows: Rows = []
        for directory in node.directories.values {
            rows.append((Self.entry(
                name: directory.name + "/", link: root + SiteLayout.directory(component, directory), isDirectory: true,
                counts: directory.counts, rates: rates.rates(of: directory.path), label: directory.path, levels: levels),
                directory.counts.linesMissed))
        }
        // Files are sections of this node's by-path page (SiteLayout.file), named once here.
        let here = root + SiteLayout.directory(component, node) + "#"
        for file in node.files {
            let name = SiteLayout.fileName(file.displayPath)
            let part = placement.part(of: file.displayPath)
            let page = part == 1 ? here : root + SiteLayout.directory(component, node, part: part) + "#"
            rows.append((Self.entry(
                name: name, link: page + SiteLayout.fileAnchor(name), isDirectory: false,
                counts: file.counts, rates: rates.rates(of: file.displayPath), label: file.displayPath, levels: levels),
                file.counts.linesMissed))
        }
        return rows
    }

    private static func entry(
        name: String, link: String, isDirectory: Bool, counts: Counts, rates: [Double?], label: String,
        levels: CoverageLevels
    ) -> Entry {
        let sparkline = Sparkline(label: "\(label): line coverage over recent runs", rates: rates).svg()
        let rate = DisplayFormat.percent(counts.lineRate)
        var out: [UInt8] = []
        out.reserveCapacity(900)
        out.append(#"<tr><th scope="row" class="path"#)
        if isDirectory { out.append(" directory") }
        out.append(#""><a href=""#); out.appendEscaped(link)
        out.append(#"">"#); out.appendEscaped(name)
        out.append(#"</a></th><td class="num">"#); out.appendDecimal(counts.linesCovered)
        out.append(" / "); out.appendDecimal(counts.linesValid)
        out.append(#"</td><td class="num">"#); out.append(DisplayFormat.count(counts.linesMissed))
        out.append(#"</td><td class="num "#); out.append(levels.cssClass(counts.lineRate, .line))
        out.append(#""><meter "#); out.append(levels.meterAttributes(counts.lineRate, .line))
        out.append(#">"#); out.append(rate)
        out.append("</meter> "); out.append(rate)
        out.append(#"</td><td class="num">"#)
        if counts.measuresBranches {
            out.appendDecimal(counts.branchesCovered); out.append(" / "); out.appendDecimal(counts.branchesValid)
        } else {
            out.append("n/a")
        }
        out.append(#"</td><td class="num "#); out.append(levels.cssClass(counts.branchRate, .branch))
        out.append(#"">"#); out.append(DisplayFormat.percent(counts.branchRate))
        out.append("</td><td>"); out.append(sparkline)
        out.append("</td></tr>\n")
        return Entry(name: name, isDirectory: isDirectory, sparkline: sparkline, html: out)
    }

    static func crumbs(component: String, node: DirectoryTree.Node, root: String) -> [Crumb] {
        node.lineage.map { folder in
            Crumb(name: folder.path.isEmpty ? component : folder.name, link: root + SiteLayout.directory(component, folder))
        }
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

    init(_ counts: Counts, levels: CoverageLevels = .defaults) {
        linesText = "\(counts.linesCovered) / \(counts.linesValid)"
        missedText = DisplayFormat.count(counts.linesMissed)
        lineRateText = DisplayFormat.percent(counts.lineRate)
        lineMeter = levels.meterAttributes(counts.lineRate, .line)
        lineLevel = levels.cssClass(counts.lineRate, .line)
        branchesText = counts.measuresBranches ? "\(counts.branchesCovered) / \(counts.branchesValid)" : "n/a"
        branchRateText = DisplayFormat.percent(counts.branchRate)
        branchLevel = levels.cssClass(counts.branchRate, .branch)
    }
}
