import Formatting
import CoverageModel
import Foundation

/// One run's point on a trend chart.
struct TrendPoint: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A normal run.
        case measured
        /// Measurement failed: no value; the lines break here and a hollow marker sits on the x axis.
        case failed
        /// The tests were broken: the value is drawn with a hollow marker and the lines continue.
        case untrusted
    }

    let time: Date
    /// 0…1; nil when not measured or failed.
    let lineRate: Double?
    /// 0…1; nil when branches were not measured.
    let branchRate: Double?
    let kind: Kind
    /// Plain text, escaped when drawn: `2026-11-30T04:31:17Z · abc123 · lines 87.5% · branches 60.0%`.
    let tooltip: String
}

/// A line chart of line and branch coverage over time, as one inline `<svg>` element.
///
/// Styling is by CSS class (`trend`, `trend-line`, `trend-branch`, `trend-point`, `failed`,
/// `untrusted`, `missing`, `grid`, `axis`, `target`, `warning`, `legend`, `labels`, `empty`);
/// presentation attributes keep it readable without a stylesheet and never use `style=`.
struct TrendChart: Sendable {
    let title: String
    /// All runs, sorted by time (ties keep their input order).
    let points: [TrendPoint]
    let target: Double?
    let warning: Double?
    let maxPoints: Int
    let geometry: ChartGeometry

    /// - Parameters:
    ///   - title: shown in `<title>`; its slug also makes the element ids, so keep titles unique per page.
    ///   - points: the runs, in any order.
    ///   - target: a rate in 0…1 drawn as a labelled horizontal line; nil draws none.
    ///   - warning: likewise, for the warning threshold.
    ///   - maxPoints: at most this many runs get a marker; more are thinned with `LTTB`.
    init(title: String, points: [TrendPoint], target: Double? = nil, warning: Double? = nil, maxPoints: Int = 300) {
        self.title = title
        self.points = points.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        self.target = target
        self.warning = warning
        self.maxPoints = max(maxPoints, 2)
        geometry = ChartGeometry(times: points.map(\.time))
    }

    /// The id prefix shared by this chart's `<title>` and `<desc>`: `trend-python`.
    var idPrefix: String { "trend-" + SVGText.slug(title) }

    /// A complete `<svg …>…</svg>` element, deterministic, for inline use in HTML (no XML
    /// declaration, no trailing newline).
    func svg() -> String {
        let width = SVGText.number(geometry.width, decimals: 0)
        let height = SVGText.number(geometry.height, decimals: 0)
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\""
                + " height=\"\(height)\" role=\"img\" aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\""
                + " class=\"trend\">",
            "<title id=\"\(idPrefix)-title\">\(SVGText.escape(title))</title>",
            "<desc id=\"\(idPrefix)-desc\">\(SVGText.escape(description))</desc>",
        ]
        lines += grid()
        if points.isEmpty {
            lines.append(
                "<text class=\"empty\" x=\"\(SVGText.number(geometry.width / 2))\""
                    + " y=\"\(SVGText.number(geometry.height / 2))\" text-anchor=\"middle\" font-family=\"sans-serif\""
                    + " font-size=\"12\" fill=\"#57606a\">No runs yet</text>")
        } else {
            let shown = Self.sample(points, maxPoints: maxPoints)
            lines += timeAxis()
            lines += thresholds()
            lines += Series.all.filter { series in points.contains { series.value($0) != nil } }
                .flatMap { draw($0, over: shown) }
            lines += markers(for: shown)
            lines += legend()
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// The `<desc>` text: how many runs, from when to when, and the latest rates.
    var description: String {
        guard let first = points.first, let last = points.last else { return "No runs yet." }
        let runs = points.count == 1 ? "1 run" : "\(points.count) runs"
        let firstDay = ISO8601.dateString(from: first.time)
        let lastDay = ISO8601.dateString(from: last.time)
        let span = firstDay == lastDay ? "on \(firstDay)" : "from \(firstDay) to \(lastDay)"
        let latest: String
        switch last.kind {
        case .failed: latest = "the latest run failed to measure coverage"
        case .measured, .untrusted:
            let rates =
                "lines \(DisplayFormat.percent(last.lineRate)), branches \(DisplayFormat.percent(last.branchRate))"
            latest = "latest: " + rates + (last.kind == .untrusted ? " (tests broken)" : "")
        }
        return "\(runs) \(span); \(latest)."
    }
}
