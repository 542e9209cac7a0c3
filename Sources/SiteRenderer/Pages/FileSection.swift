import CoverageAnalysis
import CoverageModel
import Formatting

/// One file on its directory's page: its counts and sparkline, then every line of source marked
/// covered, missed or partial (with branch counts and coverage.py's untaken branch targets), hit
/// counts where the producer records real ones, and marks on lines that became uncovered since the
/// previous run. Without source the section still lists every measured line, and says why.
struct FileSection {
    let anchor: String
    let path: String
    let totals: CountsText
    let sparkline: String
    let showsHits: Bool
    let hasSource: Bool
    let sourceNote: String
    let newlyUncoveredText: String
    let hasNewlyUncovered: Bool
    /// The source table's rows (`SourceRows`), as UTF-8 markup.
    let rowsHTML: [UInt8]
    /// Where "Back to the contents" leads: the folder's listing, on this page or on part 1.
    var backLink = "#entries-heading"

    /// - Parameter sparkline: the file's sparkline when its listing row already drew it.
    init(
        component: String, file: SourceFile, previous: SourceFile?, producer: Producer, source: SourceText, rates: RecentRates,
        sparkline: String? = nil, levels: CoverageLevels = .defaults
    ) {
        let name = SiteLayout.fileName(file.displayPath)
        anchor = SiteLayout.fileAnchor(name)
        path = file.displayPath
        totals = CountsText(file.counts, levels: levels)
        self.sparkline = sparkline ?? Sparkline(label: "\(file.displayPath): line coverage over recent runs", rates: rates.rates(of: file.displayPath)).svg()
        showsHits = producer.recordsHitCounts
        let newly = NewlyUncovered.lines(current: file, previous: previous).sorted()
        newlyUncoveredText = newly.isEmpty ? "" : "\(newly.count) line\(newly.count == 1 ? "" : "s") became uncovered since the previous run"
        hasNewlyUncovered = !newly.isEmpty
        let (text, reason) = source.contents()
        hasSource = text != nil
        sourceNote = reason
        rowsHTML = SourceRows(anchor: anchor, file: file, newlyUncovered: newly, showsHits: showsHits).html(source: text)
    }
}
