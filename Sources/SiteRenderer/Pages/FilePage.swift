import CoverageAnalysis
import CoverageModel

/// One file: its counts and sparkline, then every line of source marked covered, missed or partial
/// (with branch counts and coverage.py's untaken branch targets), hit counts where the producer
/// records real ones, and marks on lines that became uncovered since the previous run. Without
/// source the page still lists every measured line.
struct FilePage {
    struct Row {
        let number: String
        let anchor: String
        let state: String
        let stateText: String
        let hitsText: String
        let branchText: String
        let code: String
        let isNewlyUncovered: Bool
    }

    let title: String
    let root: String
    let path: String
    let crumbs: [ListingPage.Crumb]
    let totals: CountsText
    let sparkline: String
    let showsHits: Bool
    let hasSource: Bool
    let sourceNote: String
    let newlyUncoveredText: String
    let hasNewlyUncovered: Bool
    let rows: [Row]

    init(
        component: String, file: SourceFile, previous: SourceFile?, producer: Producer, source: SourceText?,
        page: String, rates: RecentRates
    ) {
        root = SiteLayout.root(of: page)
        path = file.displayPath
        title = "\(component) — \(file.displayPath)"
        let directory = file.displayPath.split(separator: "/").dropLast().joined(separator: "/")
        crumbs = ListingPage.crumbs(component: component, path: directory, root: root)
        totals = CountsText(file.counts)
        sparkline = Sparkline(label: "\(file.displayPath): line coverage over recent runs", rates: rates.rates(of: file.displayPath)).svg()
        let showsHits = producer.recordsHitCounts
        self.showsHits = showsHits
        let newly = Set(NewlyUncovered.lines(current: file, previous: previous))
        newlyUncoveredText = newly.isEmpty ? "" : "\(newly.count) line\(newly.count == 1 ? "" : "s") became uncovered since the previous run"
        hasNewlyUncovered = !newly.isEmpty
        let measured = Dictionary(file.lines.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        switch source {
        case .lines(let text):
            hasSource = true
            sourceNote = ""
            var rows = text.indices.map { index in
                let number = index + 1
                return Self.row(number, line: measured[number], code: text[index],
                                missing: file.missingBranches[number], newly: newly.contains(number), showsHits: showsHits)
            }
            // Measured lines the source does not have (a stale checkout, line 0, a producer's odd
            // numbering) are listed after it instead of padding the page up to their number.
            for line in file.lines where line.number < 1 || line.number > text.count {
                rows.append(Self.row(line.number, line: line, code: "", missing: file.missingBranches[line.number],
                                     newly: newly.contains(line.number), showsHits: showsHits))
            }
            self.rows = rows
        case .unavailable(let reason):
            hasSource = false
            sourceNote = reason
            rows = file.lines.map {
                Self.row($0.number, line: $0, code: "", missing: file.missingBranches[$0.number], newly: newly.contains($0.number), showsHits: showsHits)
            }
        case nil, .file:
            hasSource = false
            sourceNote = "Source was not read for this run."
            rows = file.lines.map {
                Self.row($0.number, line: $0, code: "", missing: file.missingBranches[$0.number], newly: newly.contains($0.number), showsHits: showsHits)
            }
        }
    }

    private static func row(_ number: Int, line: LineCoverage?, code: String, missing: String?, newly: Bool, showsHits: Bool) -> Row {
        let state: String
        let stateText: String
        switch line {
        case nil: (state, stateText) = ("plain", "")
        case let line? where !line.isCovered: (state, stateText) = ("missed", "missed")
        case let line? where line.isPartial: (state, stateText) = ("partial", "partly covered")
        default: (state, stateText) = ("covered", "covered")
        }
        var branch = ""
        if let line, line.isBranch {
            branch = "\(line.branchesCovered)/\(line.branchesValid)"
            if let missing, line.branchesCovered < line.branchesValid {
                branch += " — never jumped to " + missing.split(separator: ",").map { $0 == "exit" ? "exit" : "line \($0)" }
                    .joined(separator: ", ")
            }
        }
        return Row(
            number: String(number), anchor: "L\(number)", state: newly ? state + " newly-uncovered" : state,
            stateText: newly ? "became uncovered" : stateText,
            hitsText: showsHits ? (line.map { String($0.hits) } ?? "") : "",
            branchText: branch, code: code, isNewlyUncovered: newly)
    }
}
