import CoverageAnalysis
import CoverageModel
import Formatting
import SyntaxHighlight
import Templating

/// One source file: where it is (breadcrumbs, previous and next file), its counts and sparkline,
/// its missed line ranges and partly covered branches (each a link to its line), its functions,
/// then the source with every line marked — or, without source, why and how to fix it, and the
/// missed ranges themselves.
struct FilePage {
    struct LineLink: Sendable {
        let text: String
        let link: String
    }

    struct FunctionRow: Sendable {
        let name: String
        let signature: String
        let lineText: String
        let link: String
        let hitsText: String
        let linesText: String
        let isMissed: Bool
    }

    let title: String
    /// The stale banner and the levels legend, as every page of the component has them.
    let look: ComponentLook
    let root: String
    let crumbs: [Breadcrumbs.Crumb]
    let pathHTML: [UInt8]
    let languageText: String
    let folderLink: String
    let previous: LineLink?
    let next: LineLink?
    let totals: CountsText
    let sparkline: String
    let missedText: String
    let missed: [LineLink]
    let partials: [LineLink]
    let functions: [FunctionRow]
    let functionsText: String
    let newlyUncoveredText: String
    let newlyUncovered: [LineLink]
    let showsHits: Bool
    let hasSource: Bool
    let sourceNote: SourceNote?
    let rowsHTML: [UInt8]

    init(context: ComponentContext, entry index: Int, source: SourceText, sourceRoot: String?, path: String) {
        look = context.look
        let tree = context.tree
        let file = tree.entries[index].file
        let folder = tree.entries[index].folder
        let component = context.name
        root = SiteLayout.root(of: path)
        title = "\(file.displayPath) — \(component)"
        crumbs = context.crumbs(folder: folder, root: root)
        pathHTML = ListingRow.pathHTML(file.displayPath)
        let language = Language(path: file.displayPath)
        languageText = language?.rawValue ?? ""
        folderLink = context.folderPage(folder, root: root) + "#" + tree.entries[index].anchor
        let position = tree.positions[index]
        func neighbour(_ at: Int) -> LineLink? {
            guard tree.sequence.indices.contains(at) else { return nil }
            // Field by field, not a copy of the entry (its file's five objects and three strings).
            let other = tree.sequence[at]
            return LineLink(text: tree.entries[other].file.displayPath, link: tree.entries[other].slug + ".html")
        }
        previous = neighbour(position - 1)
        next = neighbour(position + 1)
        totals = CountsText(file.counts, levels: context.look.levels)
        let rates: [Double?] = context.rates.changes(of: file.displayPath)
        sparkline =
            rates.count < 2
            ? "" : Sparkline(label: "\(file.displayPath): line coverage over recent runs", rates: rates).svg()
        let ranges = context.ranges[index]
        missed = ranges.ranges.map { LineLink(text: MissedRanges.text($0), link: "#L\($0.first)") }
        let missedLines = file.counts.linesMissed
        missedText =
            missedLines == 0
            ? "No missed lines."
            : "\(missedLines) missed line\(missedLines == 1 ? "" : "s") in \(ranges.ranges.count) "
                + "block\(ranges.ranges.count == 1 ? "" : "s"):"
        partials = file.lines.filter(\.isPartial).map { line in
            LineLink(text: Self.partialText(line, missing: file.missingBranches[line.number]), link: "#L\(line.number)")
        }
        showsHits = context.producer.recordsHitCounts
        let newly = context.newlyUncovered(index)
        newlyUncoveredText =
            newly.isEmpty
            ? "" : "\(newly.count) line\(newly.count == 1 ? "" : "s") became uncovered since the previous run:"
        // All of them, as ranges like the missed ones: a list cut after 50 lines hid the rest.
        newlyUncovered = MissedRanges(selected: newly, of: file.lines).ranges.map {
            LineLink(text: MissedRanges.text($0), link: "#L\($0.first)")
        }
        let (text, reason) = source.contents()
        hasSource = text != nil
        let rows = SourceRows(
            file: file, newlyUncovered: newly, showsHits: showsHits, ranges: ranges, language: language)
        rowsHTML = text.map { rows.html(source: $0) } ?? rows.htmlWithoutSource()
        sourceNote =
            text == nil
            ? SourceNote(
                file: file, component: component, reason: reason, notFound: source.isNotFound, sourceRoot: sourceRoot,
                reportSources: context.reportSources)
            : nil
        functions = Self.functionRows(file, producer: context.producer, ranges: ranges, source: text)
        functionsText = Self.functionsText(file.functions)
    }

    /// `12 functions, 3 never called`, and how many have no call count when some have none.
    static func functionsText(_ functions: [FunctionCoverage]) -> String {
        // Most files of most reports list none: the same words without building them.
        guard !functions.isEmpty else { return "0 functions, 0 never called" }
        let uncalled = functions.filter { $0.hits == 0 }.count
        let uncounted = functions.filter { $0.hits == nil }.count
        return "\(functions.count) function\(functions.count == 1 ? "" : "s"), \(uncalled) never called"
            + (uncounted == 0 ? "" : ", \(uncounted) with no call count in the report")
    }

    /// The function list; a function's line links to its row where the table has one.
    private static func functionRows(
        _ file: SourceFile, producer: Producer, ranges: MissedRanges, source: [UInt8]?
    ) -> [FunctionRow] {
        guard !file.functions.isEmpty else { return [] }
        // Rows as `SourceRows` writes them: one per source line, one per measured line beyond; without
        // source, one per missed block and per partly covered line.
        var rows: Set<Int>
        if let source {
            let newlines = source.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let count = source.isEmpty ? 0 : newlines + (source.last == UInt8(ascii: "\n") ? 0 : 1)
            rows = Set(file.lines.map(\.number))
            for function in file.functions where function.line >= 1 && function.line <= count {
                rows.insert(function.line)
            }
        } else {
            rows = Set(ranges.ranges.map(\.first)).union(file.lines.filter(\.isPartial).map(\.number))
        }
        return file.functions.map { function in
            FunctionRow(
                // istanbul writes Java's `()V` as every JavaScript function's signature: it says nothing.
                name: function.name,
                signature: producer == .istanbul && function.signature == "()V" ? "" : function.signature,
                lineText: function.line > 0 ? String(function.line) : "—",
                link: rows.contains(function.line) ? "#L\(function.line)" : "",
                hitsText: function.hits.map { String($0) } ?? "—",
                linesText: function.linesValid == 0 ? "—" : "\(function.linesCovered) / \(function.linesValid)",
                isMissed: function.hits == 0)
        }
    }

    /// "line 12: 1 of 2 branches taken; never jumped to line 14": the source view's words
    /// (`RowWriter.branchWords`), as bytes and then one string.
    static func partialText(_ line: LineCoverage, missing: String?) -> String {
        var text = ByteSink(capacity: 96)
        text.append("line ")
        text.appendDecimal(line.number)
        text.append(": ")
        RowWriter.branchWords(line, missing: missing, escaped: false, into: &text)
        return text.text()
    }
}
