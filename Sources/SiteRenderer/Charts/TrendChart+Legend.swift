import Formatting
import Foundation

// MARK: - Legend

extension TrendChart {
    /// One line of a chart's legend: a small drawing of the mark and what it means.
    struct LegendEntry: Sendable, Equatable {
        /// An inline `<svg>` of the mark, hidden from screen readers (the text says it all).
        let swatch: String
        let text: String
    }

    /// What every mark of the chart means, in the order they matter: the series, the kinds of run
    /// marks present, the threshold lines, then how runs are spaced and whether they were thinned.
    var legend: [LegendEntry] {
        guard !points.isEmpty else { return [] }
        var entries: [LegendEntry] = Series.all.filter(hasData).map { series in
            LegendEntry(
                swatch: Self.swatch(
                    "<line class=\"\(series.cssClass)\" x1=\"2\" y1=\"7\" x2=\"26\" "
                        + "y2=\"7\" \(series.strokeAttributes)/>"
                ),
                text: series.name)
        }
        let marks = Set(points.map(Mark.init))
        let blue = Series.lines.color
        let markTexts: [(Mark, String, String)] = [
            (.measured, "fill=\"\(blue)\" stroke=\"\(blue)\"", "A run: hover it for its time, commit and rates"),
            (
                .untrusted, "fill=\"#ffffff\" stroke=\"\(blue)\"",
                "Tests failed or errored in that run: drawn, but never a baseline"
            ),
            (.missing, "fill=\"#ffffff\" stroke=\"#57606a\"", "Nothing to measure in that run (no measurable lines)"),
        ]
        for (mark, look, text) in markTexts where marks.contains(mark) {
            entries.append(
                LegendEntry(
                    swatch: Self.swatch(
                        "<circle class=\"\(mark.cssClass)\" cx=\"14\" cy=\"7\" r=\"3.5\" \(look) stroke-width=\"1.5\"/>"
                    ),
                    text: text))
        }
        if marks.contains(.failed) {
            entries.append(
                LegendEntry(
                    swatch: Self.swatch(
                        "<g class=\"failed-mark\" fill=\"none\" stroke=\"#cf222e\" stroke-width=\"2\"><path "
                            + "d=\"M10,3L18,11M10,11L18,3\"/></g>"
                    ),
                    text: "Measurement failed (on the bottom edge, never as 0 %): hover it for the reason"))
        }
        for (level, rate, metrics) in Self.merged(thresholds) {
            let look = level == .target ? (color: "#1a7f37", dashes: "6 3") : (color: "#9a6700", dashes: "2 3")
            let name = Self.thresholdLabel(level, metrics: metrics, rate: rate)
            entries.append(
                LegendEntry(
                    swatch: Self.swatch(
                        "<line class=\"\(level.rawValue)\" x1=\"2\" y1=\"7\" x2=\"26\" y2=\"7\" "
                            + "stroke=\"\(look.color)\""
                            + " stroke-width=\"1.5\" stroke-dasharray=\"\(look.dashes)\"/>"),
                    text: name.prefix(1).uppercased() + name.dropFirst() + " (configured)"))
        }
        entries.append(LegendEntry(swatch: "", text: spacingNote))
        return entries
    }

    /// How runs are spaced and labelled, and how many of them are drawn.
    var spacingNote: String {
        let axis = RunAxis(times: points.map(\.time), geometry: geometry(.wide))
        var note =
            "Runs are evenly spaced in the order they ran, not to time scale; a label under the axis marks "
            + "the first run of a \(axis.period.noun) (UTC). The figures at the right end are the latest "
            + "measured run's."
        let drawn = shown(.wide).count
        if drawn < points.count {
            note +=
                " \(DisplayFormat.count(drawn)) of \(DisplayFormat.count(points.count)) runs have a mark"
                + " (downsampled: failed runs, runs with broken tests and the latest run first)."
        }
        return note
    }

    /// A 28×14 drawing for a legend line.
    static func swatch(_ body: String) -> String {
        "<svg class=\"swatch\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 28 14\" width=\"28\" height=\"14\""
            + " aria-hidden=\"true\">\(body)</svg>"
    }
}
