import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import SiteRenderer

/// One golden page per kind of history a trend chart must stay readable for: both drawings and the
/// legend, as the overview shows them, in `Golden/charts/<case>.html` (open one in a browser to look).
struct ChartGoldenTests {
    static let day = 86_400.0
    /// 2026-10-01T09:00:00Z.
    static let start = 1_790_845_200.0
    static let levels = [
        ChartThreshold(metric: .line, level: .target, rate: 1),
        ChartThreshold(metric: .line, level: .warning, rate: 0.95),
        ChartThreshold(metric: .branch, level: .target, rate: 0.9),
    ]

    static func point(
        _ seconds: Double, _ line: Double?, _ branch: Double? = nil, kind: TrendPoint.Kind = .measured
    )
        -> TrendPoint
    {
        let time = Date(timeIntervalSince1970: start + seconds)
        let rates =
            line.map { " · lines " + DisplayFormatting.percent($0) }
            ?? " · measurement failed: blocked by 1 collection error"
        return TrendPoint(
            time: time, lineRate: line, branchRate: branch, kind: kind, tooltip: ISO8601.string(from: time) + rates)
    }

    /// The four cases of issue 12: one run; ten runs in one minute; sixty daily runs with a stretch of
    /// failing tests, a regression and a blocked run; ten thousand runs over three years.
    static let cases: [(name: String, chart: TrendChart)] = [
        ("one-run", TrendChart(title: "one run", points: [point(0, 0.972, 0.88)], thresholds: levels)),
        (
            "ten-runs-one-minute",
            TrendChart(
                title: "ten runs in one minute",
                points: (0..<10).map { point(Double($0) * 6, 0.96 + Double($0 % 3) * 0.004, 0.9) }, thresholds: levels)
        ),
        ("sixty-daily-runs", TrendChart(title: "sixty daily runs", points: sixtyDays(), thresholds: levels)),
        ("ten-thousand-runs", TrendChart(title: "ten thousand runs", points: threeYears(), thresholds: levels)),
    ]

    /// Climbing from 92 % to 99.6 % with failing tests on days 40–45, a drop to 94.5 % on day 46
    /// and a blocked run on day 50.
    static func sixtyDays() -> [TrendPoint] {
        (0..<60).map { index in
            let seconds = Double(index) * day
            if index == 50 { return point(seconds, nil, kind: .failed) }
            let line = index == 46 ? 0.945 : min(0.996, 0.92 + Double(index) * 0.0017)
            return point(seconds, line, line - 0.06, kind: (40...45).contains(index) ? .untrusted : .measured)
        }
    }

    /// About nine runs a day for three years, a slow wave with every 997th run failed.
    static func threeYears() -> [TrendPoint] {
        (0..<10_000).map { index in
            let seconds = Double(index) * 3 * 365 * day / 10_000
            if index % 997 == 500 { return point(seconds, nil, kind: .failed) }
            let line = 0.9 + 0.05 * sin(Double(index) / 900) + 0.02 * Double(index) / 10_000
            return point(seconds, line, line - 0.1, kind: index % 613 == 300 ? .untrusted : .measured)
        }
    }

    /// A small standalone page: the two drawings and the legend, as on the overview.
    static func page(_ chart: TrendChart) -> String {
        let legend = chart.legend.map { "<li>\($0.swatch) \(SVGText.escape($0.text))</li>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(SVGText.escape(chart.title))</title></head>
            <body style="max-width:1232px;margin:auto">
            \(chart.svg(.wide))
            <div style="max-width:360px">
            \(chart.svg(.compact))
            </div>
            <ul>
            \(legend)
            </ul>
            </body></html>

            """
    }

    @Test("Each case's chart matches Golden/charts")
    func golden() throws {
        let folder = try TemporaryFolder()
        let actual = folder.url.appendingPathComponent("charts")
        try FileManager.default.createDirectory(at: actual, withIntermediateDirectories: true)
        for (name, chart) in Self.cases {
            try Self.page(chart).write(
                to: actual.appendingPathComponent("\(name).html"), atomically: true, encoding: .utf8)
        }
        let problems = try GoldenDirectory.compare(
            actual: actual, golden: SiteRendererTests.goldenRoot.appendingPathComponent("charts"))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("No case's marks overlap: neighbouring marked runs are at least a marker apart")
    func marksApart() {
        for (name, chart) in Self.cases {
            for layout in [ChartLayout.wide, .compact] {
                let geometry = chart.geometry(layout)
                let xs = chart.shown(layout).map(geometry.x)
                let closest = zip(xs, xs.dropFirst()).map { $1 - $0 }.min() ?? .infinity
                #expect(
                    closest >= layout.markerRadius * 2 || chart.points.count > layout.maxPoints,
                    "\(name) \(layout.name)")
            }
        }
    }
}

/// Percentages for tooltips in these fixtures, without going through page models.
private enum DisplayFormatting {
    static func percent(_ rate: Double) -> String { SVGText.number(rate * 100) + "%" }
}
