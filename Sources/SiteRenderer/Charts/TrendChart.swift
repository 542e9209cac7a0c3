import CoverageModel
import Formatting
import Foundation

/// One run's point on a trend chart.
struct TrendPoint: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A normal run.
        case measured
        /// Measurement failed: no value; the lines break here and a cross sits on the bottom edge.
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
    /// Plain text, escaped when drawn: `2026-11-30T04:31:17Z · abc123 · lines 87.5% · branches 60.0%`;
    /// for a failed run, the reason.
    let tooltip: String
}

/// A target or warning level drawn across a trend chart.
struct ChartThreshold: Sendable, Equatable {
    enum Level: String, Sendable, Equatable {
        case target, warning
    }

    let metric: Metric
    let level: Level
    /// 0…1.
    let rate: Double
}

/// A line chart of line and branch coverage over the runs of one component, as inline `<svg>`.
///
/// Runs are evenly spaced in order (`ChartGeometry`), the rate axis fits the data and the
/// thresholds (`RateScale`), labels under the runs mark where a day begins (`RunAxis`), and failed
/// measurements sit as crosses on the bottom edge, never as 0 %. Each chart is drawn twice, wide
/// and compact (`ChartLayout`); the page shows the one that fits. Its legend is HTML beside it
/// (`legend`). Styling is by CSS class; presentation attributes keep it readable without a
/// stylesheet, and `style=` is never used.
struct TrendChart: Sendable {
    let title: String
    /// All runs, sorted by time (ties keep their input order).
    let points: [TrendPoint]
    let thresholds: [ChartThreshold]

    /// - Parameters:
    ///   - title: shown in `<title>`; its slug also makes the element ids, so keep titles unique per page.
    ///   - points: the runs, in any order.
    ///   - thresholds: the configured target and warning levels, drawn as labelled lines.
    init(title: String, points: [TrendPoint], thresholds: [ChartThreshold] = []) {
        self.title = title
        self.points = points.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        // A level of a metric the component does not measure (branches of a grcov report) would
        // stretch the scale for nothing.
        self.thresholds = thresholds.filter { threshold in
            points.contains { $0.kind != .failed && (threshold.metric == .line ? $0.lineRate : $0.branchRate) != nil }
        }
    }

    /// The id prefix of one drawing's `<title>` and `<desc>`: `trend-python-wide`.
    func idPrefix(_ layout: ChartLayout) -> String { "trend-" + SVGText.uniqueSlug(title) + "-" + layout.name }

    /// The geometry of one drawing: every run spaced out, the rate axis fitting all drawn values.
    func geometry(_ layout: ChartLayout) -> ChartGeometry {
        let rates = points.filter { $0.kind != .failed }.flatMap { [$0.lineRate, $0.branchRate].compactMap { $0 } }
        return ChartGeometry(layout: layout, runCount: points.count, rates: rates + thresholds.map(\.rate))
    }

    /// The indices of the runs that get a marker in `layout` (all, or a downsample of a long history).
    func shown(_ layout: ChartLayout) -> [Int] { Self.sample(points, maxPoints: layout.maxPoints) }

    /// The indices the series' lines run through in `layout`: one run per two units of the plot at most.
    func lineRuns(_ layout: ChartLayout, marked: [Int]) -> [Int] {
        Self.lineRuns(points, marked: marked, budget: Int((layout.width - layout.left - layout.right) / 2))
    }

    /// A complete `<svg …>…</svg>` element, deterministic, for inline use in HTML (no XML
    /// declaration, no trailing newline).
    func svg(_ layout: ChartLayout = .wide) -> String {
        let geometry = geometry(layout)
        let id = idPrefix(layout)
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(layout.width, decimals: 0))"
                + " \(SVGText.number(layout.height, decimals: 0))\" role=\"img\" "
                + "aria-labelledby=\"\(id)-title \(id)-desc\""
                + " class=\"trend trend-\(layout.name)\">",
            "<title id=\"\(id)-title\">\(SVGText.escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(SVGText.escape(description(geometry)))</desc>",
        ]
        lines += grid(geometry)
        if points.isEmpty {
            lines.append(
                "<text class=\"empty\" x=\"\(SVGText.number(layout.width / 2))\" "
                    + "y=\"\(SVGText.number(layout.height / 2))\""
                    + " text-anchor=\"middle\" \(Self.font(layout))>No runs yet</text>")
        } else {
            let shown = shown(layout)
            lines += runLabels(geometry)
            lines += thresholdLines(geometry)
            let through = lineRuns(layout, marked: shown)
            lines += Series.all.filter(hasData).flatMap { draw($0, over: through, geometry) }
            lines += markers(for: shown, geometry)
            lines += thresholdLabels(geometry)
            lines += valueLabels(over: shown, geometry)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// Whether any run has a value of `series`.
    func hasData(_ series: Series) -> Bool { points.contains { $0.kind != .failed && series.value($0) != nil } }

    /// The `<desc>` text: how many runs, from when to when, the latest rates and the scale.
    func description(_ geometry: ChartGeometry) -> String {
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
        let domain = geometry.scale.domain
        let scale =
            "the scale runs from \(geometry.scale.label(domain.lowerBound)) "
            + "to \(geometry.scale.label(domain.upperBound))"
        return "\(runs) \(span); \(latest); \(scale)."
    }

    /// Presentation attributes for text in `layout`'s size.
    static func font(_ layout: ChartLayout, color: String = labelColor) -> String {
        "font-family=\"sans-serif\" font-size=\"\(SVGText.number(layout.fontSize, decimals: 0))\" fill=\"\(color)\""
    }

    static let labelColor = "#57606a"
}
