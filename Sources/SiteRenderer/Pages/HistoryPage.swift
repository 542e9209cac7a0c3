import CoverageModel
import Formatting

/// Every stored run, newest first: time, commit, branch, per-component coverage and status.
struct HistoryPage {
    struct Row {
        let timeText: String
        /// Recorded after a run with a later time: it was added out of order.
        let isBackfill: Bool
        let commitText: String
        let branchText: String
        let buildLink: String
        let hasBuildLink: Bool
        let lineRateText: String
        let branchRateText: String
        let cells: [Cell]
        let hasFailure: Bool
    }

    struct Cell {
        let text: String
        let isProblem: Bool
    }

    let hasRunTime = true
    let title = "History"
    let root = ""
    let componentNames: [String]
    let rows: [Row]
    let runCountText: String
    let runTimeText: String
    /// The site's copy of the history, as a link with its size.
    let downloadLink: String
    let downloadSizeText: String
    let hasDownload: Bool

    /// Some run was recorded after a run with a later time: the page says what the mark means.
    let hasBackfill: Bool

    init(history: [RunSummary], runTime: String, download: HistoryDownloadLink? = nil) {
        downloadLink = download?.path ?? ""
        downloadSizeText = download.map { DisplayFormat.bytes($0.byteCount) } ?? ""
        hasDownload = download != nil
        let names = Array(Set(history.flatMap { $0.components.map(\.name) })).sorted()
        componentNames = names
        runCountText = DisplayFormat.count(history.count)
        runTimeText = runTime
        hasBackfill = history.contains(where: \.isBackfill)
        rows = history.reversed().map { run in
            let totals = run.totals
            // Schemes are case-insensitive (RFC 3986); anything but http(s), such as javascript:, is not linked.
            let url = run.source.buildURL.flatMap { url in
                ["https://", "http://"].contains { url.lowercased().hasPrefix($0) } ? url : nil
            }
            return Row(
                timeText: DisplayFormat.timestamp(run.time), isBackfill: run.isBackfill,
                commitText: run.source.commit.map(DisplayFormat.commit) ?? "—",
                branchText: run.source.branch ?? "—", buildLink: url ?? "", hasBuildLink: url != nil,
                lineRateText: DisplayFormat.percent(totals.lineRate),
                branchRateText: DisplayFormat.percent(totals.branchRate),
                cells: names.map { name in
                    guard let component = run.component(named: name) else { return Cell(text: "—", isProblem: false) }
                    if component.status != .measured { return Cell(text: "failed", isProblem: true) }
                    var text = DisplayFormat.percent(component.counts.lineRate)
                    if component.counts.measuresBranches {
                        text += " / " + DisplayFormat.percent(component.counts.branchRate)
                    }
                    if let tests = component.tests, tests.isBroken { text += " (tests broken)" }
                    return Cell(text: text, isProblem: component.tests?.isBroken ?? false)
                },
                hasFailure: run.components.contains { $0.status != .measured })
        }
    }
}
