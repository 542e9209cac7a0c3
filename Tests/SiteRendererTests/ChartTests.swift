import CoverageModel
import Foundation
import Testing

@testable import SiteRenderer

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SVG charts: scales, ticks, downsampling, gaps, escaping, well-formedness and size.
struct ChartTests {
    static let day = 86_400.0
    /// 2026-11-30T00:00:00Z.
    static let base = 1_795_996_800.0

    static func point(
        day: Double, line: Double?, branch: Double? = nil, kind: TrendPoint.Kind = .measured, tooltip: String = "run"
    ) -> TrendPoint {
        TrendPoint(
            time: Date(timeIntervalSince1970: base + day * Self.day), lineRate: line, branchRate: branch, kind: kind,
            tooltip: tooltip)
    }

    static func isWellFormed(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// How many `<polyline>`s the group of one series holds.
    static func segments(of series: String, in svg: String) -> Int {
        guard let group = svg.components(separatedBy: "<g class=\"\(series)\"").dropFirst().first else { return 0 }
        return count("<polyline", in: group.components(separatedBy: "</g>")[0])
    }

    /// A long history: a sine wave, every 97th run failed and every 89th untrusted.
    static func longHistory(_ count: Int) -> [TrendPoint] {
        (0..<count).map { index in
            let kind: TrendPoint.Kind = index % 97 == 50 ? .failed : index % 89 == 40 ? .untrusted : .measured
            let rate = 0.5 + 0.4 * sin(Double(index) / 150)
            return point(
                day: Double(index) / 24, line: kind == .failed ? nil : rate, branch: kind == .failed ? nil : rate * 0.8,
                kind: kind, tooltip: "2026-11-30T04:31:17Z · abc1234 · lines 87.5% · branches 60.0%")
        }
    }

    // MARK: - Text

    @Test(
        "Numbers have fixed decimals, round half away from zero and never show -0",
        arguments: [
            (0.0, 1, "0.0"), (-0.04, 1, "0.0"), (1.25, 1, "1.3"), (-1.25, 1, "-1.3"), (123.456, 2, "123.46"),
            (640, 0, "640"), (0.5, 0, "1"), (99.95, 1, "100.0"), (Double.nan, 1, "0.0"), (Double.infinity, 2, "0.00"),
            (7.05, 3, "7.050"),
        ] as [(Double, Int, String)])
    func numbers(value: Double, decimals: Int, expected: String) {
        #expect(SVGText.number(value, decimals: decimals) == expected)
    }

    @Test("Escaping covers & < > \" ' and drops XML-forbidden control characters")
    func escaping() {
        #expect(SVGText.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;")
        #expect(SVGText.escape("a\u{1}b\tc · é") == "ab\tc · é")
    }

    @Test(
        "Escaping into bytes appends to what is there, drops U+FFFE/U+FFFF but keeps other U+EFxx text",
        arguments: [
            ("", ""), ("plain/path.py", "plain/path.py"),
            ("<a href='x'>&amp;</a>", "&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;"),
            ("\u{1}\u{2}lead and trail\u{1F}", "lead and trail"), ("tab\tnew\nline\rcr", "tab\tnew\nline\rcr"),
            ("\u{FFFE}x\u{FFFF}y\u{FFFD}z\u{EFBF}", "xy\u{FFFD}z\u{EFBF}"),
            ("é — ünïcode ✓ 𝄞", "é — ünïcode ✓ 𝄞"),
        ])
    func escapingBytes(text: String, expected: String) {
        var bytes: [UInt8] = Array("prefix:".utf8)
        bytes.appendSVGEscaped(text)
        #expect(String(decoding: bytes, as: UTF8.self) == "prefix:" + expected)
    }

    @Test(
        "Slugs are lowercase ASCII words joined by dashes",
        arguments: [
            ("Python", "python"), ("Python (3.12)", "python-3-12"), ("  --  ", "chart"), ("Ünïcode x", "n-code-x"),
        ])
    func slugs(title: String, expected: String) {
        #expect(SVGText.slug(title) == expected)
    }

    @Test(
        "Chart ids: plain lowercase titles keep their slug; any other title gets a hash, so no two titles share an id")
    func uniqueSlugs() {
        #expect(SVGText.uniqueSlug("python coverage") == "python-coverage")
        let titles = ["é coverage", "ü coverage", "a-b coverage", "a b coverage", "A b coverage", "a  b coverage", ""]
        let ids = titles.map(SVGText.uniqueSlug)
        #expect(Set(ids).count == titles.count, "\(ids)")
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } })
    }

    // MARK: - Geometry

    @Test(
        "The rate axis fits the data and thresholds with a margin, on round ticks; 0–100 % only when the data spans it",
        arguments: [
            ([0.92, 0.996], 0.90, 1.0, 0.02),
            ([0.05, 0.95], 0.0, 1.0, 0.2),
            ([0.875], 0.86, 0.89, 0.005),
            ([1.0], 0.98, 1.0, 0.005),
            ([0.0], 0.0, 0.02, 0.005),
            ([0.92, 0.996, 0.75], 0.7, 1.0, 0.05),
            ([Double](), 0.0, 1.0, 0.2),
        ] as [([Double], Double, Double, Double)])
    func rateScale(rates: [Double], low: Double, high: Double, step: Double) {
        let scale = RateScale(fitting: rates, maxTicks: 7)
        #expect(
            abs(scale.domain.lowerBound - low) < 1e-9 && abs(scale.domain.upperBound - high) < 1e-9, "\(scale.domain)")
        #expect(abs(scale.step - step) < 1e-12, "\(scale.step)")
        #expect(scale.ticks.count <= 7 && scale.ticks.first == scale.domain.lowerBound)
        for rate in rates { #expect(scale.domain.contains(rate)) }
    }

    @Test("Ticks closer than a point are labelled with a decimal")
    func rateLabels() {
        #expect(RateScale(fitting: [0.875], maxTicks: 7).label(0.865) == "86.5%")
        #expect(RateScale(fitting: [0.92, 0.996], maxTicks: 7).label(0.94) == "94%")
    }

    @Test("Runs are spaced evenly by order, however irregular their times; a lone run sits in the middle")
    func runSpacing() {
        let geometry = ChartGeometry(layout: .wide, runCount: 10, rates: [0.5])
        let plot = geometry.plot
        #expect(abs(geometry.x(0) - (plot.left + ChartGeometry.inset)) < 1e-9)
        #expect(abs(geometry.x(9) - (plot.right - ChartGeometry.inset)) < 1e-9)
        #expect(abs((geometry.x(5) - geometry.x(4)) - (geometry.x(1) - geometry.x(0))) < 1e-9)
        #expect(geometry.runSpacing > 4 * ChartLayout.wide.markerRadius, "ten runs never overlap")
        let one = ChartGeometry(layout: .compact, runCount: 1, rates: [0.5])
        #expect(abs(one.x(0) - (one.plot.left + one.plot.width / 2)) < 1e-9)
    }

    @Test("At 1 280 px, a 60-run history between 92 % and 99.6 % moves its line at least 8 px per point")
    func onePointIsVisible() {
        let rates = (0..<60).map { 0.92 + 0.076 * Double($0) / 59 }
        let chart = TrendChart(
            title: "py", points: rates.enumerated().map { Self.point(day: Double($0.offset), line: $0.element) })
        let geometry = chart.geometry(.wide)
        // The page's content is 1 232 px wide at a 1 280 px window (80rem less 2 × 1.5rem of padding).
        let pixelsPerUnit = 1232 / ChartLayout.wide.width
        let moved = (geometry.y(0.95) - geometry.y(0.96)) * pixelsPerUnit
        #expect(moved >= 8, "\(moved) px")
        // And with a 100 % target and a 95 % warning line on the same chart.
        let withLevels = TrendChart(
            title: "py", points: chart.points,
            thresholds: [
                ChartThreshold(metric: .line, level: .target, rate: 1),
                ChartThreshold(metric: .line, level: .warning, rate: 0.95),
            ]
        ).geometry(.wide)
        #expect((withLevels.y(0.95) - withLevels.y(0.96)) * pixelsPerUnit >= 8)
    }

    @Test("Labels under the runs: days where they change, months for years of runs, clock times within one day")
    func runLabels() {
        let daily = (0..<60).map { Date(timeIntervalSince1970: Self.base + Double($0) * Self.day + 3_600) }
        let geometry = ChartGeometry(layout: .wide, runCount: 60, rates: [0.5])
        let axis = RunAxis(times: daily, geometry: geometry)
        #expect(axis.period == .day)
        #expect(axis.labels.first?.text == "2026-11-30")
        #expect(axis.labels.count >= 5)
        for (left, right) in zip(axis.labels, axis.labels.dropFirst()) {
            #expect(geometry.x(right.index) - geometry.x(left.index) >= ChartLayout.wide.labelGap)
        }
        let minute = (0..<10).map { Date(timeIntervalSince1970: Self.base + 4 * 3_600 + Double($0) * 6) }
        let clock = RunAxis(times: minute, geometry: ChartGeometry(layout: .wide, runCount: 10, rates: [0.5]))
        #expect(clock.labels.map(\.text) == ["2026-11-30 04:00:00", "04:00:54"])
        let years = (0..<10_000).map {
            Date(timeIntervalSince1970: Self.base + Double($0) * 3 * 365 * Self.day / 10_000)
        }
        let long = RunAxis(times: years, geometry: ChartGeometry(layout: .wide, runCount: 10_000, rates: [0.5]))
        #expect(long.period == .month)
        #expect(long.labels.first?.text == "2026-11")
    }

    // MARK: - Downsampling

    @Test("LTTB keeps first and last, reduces 10 000 points to the threshold and keeps a spike")
    func lttb() {
        var values = (0..<10_000).map { Double($0 % 7) / 10 }
        values[5_000] = 50
        let kept = LTTB.downsample(Array(values.indices), to: 300, x: Double.init, y: { values[$0] })
        #expect(kept.count == 300)
        #expect(kept.first == 0 && kept.last == 9_999)
        #expect(kept == kept.sorted())
        #expect(kept.contains(5_000))
        #expect(LTTB.downsample([1, 2, 3], to: 3, x: Double.init, y: Double.init) == [1, 2, 3])
        #expect(LTTB.downsample([1, 2, 3, 4], to: 1, x: Double.init, y: Double.init) == [1, 4])
    }

    @Test(
        "Sampling a chart marks failed and untrusted runs and the latest one first, and keeps half the marks for the line's shape"
    )
    func sampling() {
        let points = Self.longHistory(10_000)
        let special = points.indices.filter { points[$0].kind != .measured }
        #expect(special.count == 214)
        let roomy = TrendChart.sample(points, maxPoints: 500)
        #expect(roomy.count <= 500 && roomy.last == points.count - 1 && roomy == roomy.sorted())
        #expect(Set(special).isSubset(of: Set(roomy)))
        let tight = TrendChart.sample(points, maxPoints: 300)
        #expect(tight.count <= 300 && tight.last == points.count - 1)
        #expect(
            tight.filter { points[$0].kind == .measured }.count >= 150,
            "a long stretch of broken runs cannot take every mark")
        let line = TrendChart.lineRuns(points, marked: tight, budget: 400)
        #expect(Set(tight).isSubset(of: Set(line)) && line.count <= 400 + tight.count)
    }

    // MARK: - Trend chart

    @Test("The chart scales with its viewBox, has ids from its title and layout, a title, a desc and no inline styles")
    func header() {
        let svg = TrendChart(title: "python", points: [Self.point(day: 0, line: 0.875, branch: 0.6)]).svg(.wide)
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 340\" role=\"img\""
                    + " aria-labelledby=\"trend-python-wide-title trend-python-wide-desc\" class=\"trend trend-wide\">")
        )
        #expect(svg.contains("<title id=\"trend-python-wide-title\">python</title>"))
        #expect(
            svg.contains(
                "<desc id=\"trend-python-wide-desc\">1 run on 2026-11-30; latest: lines 87.5%, branches 60.0%;"
                    + " the scale runs from 50% to 90%.</desc>"))
        #expect(!svg.contains("style") && !svg.contains(" width=\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(TrendChart(title: "python", points: []).svg(.compact).contains("trend-python-compact-title"))
    }

    @Test("Failed runs break both lines and sit as crosses on the bottom edge with their reason, never at 0 %")
    func gaps() throws {
        let points = [
            Self.point(day: 0, line: 0.95, branch: 0.9), Self.point(day: 1, line: 0.96, branch: 0.91),
            Self.point(day: 2, line: nil, kind: .failed, tooltip: "measurement failed: blocked by 1 collection error"),
            Self.point(day: 3, line: 0.97, branch: 0.92),
            Self.point(day: 4, line: 0.98, branch: 0.93, kind: .untrusted),
            Self.point(day: 5, line: nil, kind: .failed), Self.point(day: 6, line: 0.99, branch: 0.94),
        ]
        let chart = TrendChart(title: "gaps", points: points)
        let svg = chart.svg(.wide)
        let geometry = chart.geometry(.wide)
        #expect(geometry.scale.domain.lowerBound > 0.8, "a failed run does not pull the scale to 0 %")
        #expect(Self.segments(of: "trend-line", in: svg) == 3)
        #expect(Self.segments(of: "trend-branch", in: svg) == 3)
        #expect(Self.count("<g class=\"failed-mark\">", in: svg) == 2)
        #expect(
            svg.contains("<g class=\"failed-mark\"><title>measurement failed: blocked by 1 collection error</title>"))
        #expect(Self.count("class=\"trend-point untrusted\"", in: svg) == 1)
        let crossY = geometry.plot.bottom - ChartLayout.wide.markerRadius - 3
        #expect(svg.contains("cx=\"\(SVGText.number(geometry.x(2)))\" cy=\"\(SVGText.number(crossY))\""))
        // The untrusted run stays on the line: the middle segment runs through it.
        #expect(svg.contains("\(SVGText.number(geometry.x(4))),\(SVGText.number(geometry.y(0.98)))"))
        let legend = chart.legend.map(\.text)
        #expect(legend.contains { $0.hasPrefix("Measurement failed") })
        #expect(legend.contains { $0.hasPrefix("Tests failed or errored") })
        #expect(
            !TrendChart(title: "t", points: [points[0]]).legend.contains { $0.text.hasPrefix("Measurement failed") })
    }

    @Test("Target and warning lines of lines and branches are drawn and labelled; equal ones share a line")
    func thresholds() throws {
        let chart = TrendChart(
            title: "t", points: [Self.point(day: 0, line: 0.97, branch: 0.85)],
            thresholds: [
                ChartThreshold(metric: .line, level: .target, rate: 1),
                ChartThreshold(metric: .line, level: .warning, rate: 0.95),
                ChartThreshold(metric: .branch, level: .target, rate: 0.9),
                ChartThreshold(metric: .branch, level: .warning, rate: 0.95),
            ])
        let svg = chart.svg(.wide)
        #expect(svg.contains(">line target 100%</text>"))
        #expect(svg.contains(">branch target 90%</text>"))
        #expect(svg.contains(">line and branch warning 95%</text>"))
        #expect(
            Self.count("<g class=\"target\"><line", in: svg) == 2
                && Self.count("<g class=\"warning\"><line", in: svg) == 1)
        // Labels are drawn over every threshold line and series, each on its halo.
        let firstLabel = try #require(svg.range(of: "<text class=\"halo\"")?.lowerBound)
        #expect(try #require(svg.range(of: "<line", options: .backwards)).lowerBound < firstLabel)
        #expect(try #require(svg.range(of: "<polyline", options: .backwards)).lowerBound < firstLabel)
        #expect(chart.geometry(.wide).scale.domain.upperBound == 1)
        #expect(chart.legend.map(\.text).contains("Line and branch warning 95% (configured)"))
        // A metric without data draws no line: its level would only stretch the scale.
        let linesOnly = TrendChart(
            title: "t", points: [Self.point(day: 0, line: 0.97)],
            thresholds: [ChartThreshold(metric: .branch, level: .target, rate: 0.5)])
        #expect(!linesOnly.svg().contains("<g class=\"target\">"))
    }

    @Test("Tooltips and titles are escaped; the compact drawing carries no tooltips")
    func chartEscaping() {
        let chart = TrendChart(title: "<b>&", points: [Self.point(day: 0, line: 0.5, tooltip: "<script>&\"'")])
        let svg = chart.svg(.wide)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("<title>&lt;script&gt;&amp;&quot;&#39;</title>"))
        #expect(svg.contains(">&lt;b&gt;&amp;</title>"))
        #expect(Self.isWellFormed(svg))
        #expect(!chart.svg(.compact).contains("script"))
    }

    @Test("An empty chart says so")
    func empty() {
        let svg = TrendChart(title: "t", points: []).svg()
        #expect(svg.contains(">No runs yet</text>"))
        #expect(!svg.contains("<circle"))
    }

    @Test("A 10 000-run chart is byte-identical twice, marks at most maxPoints runs and stays small")
    func large() {
        let points = Self.longHistory(10_000)
        let thresholds = [ChartThreshold(metric: .line, level: .target, rate: 0.9)]
        let svg = TrendChart(title: "big", points: points, thresholds: thresholds).svg(.wide)
        #expect(svg == TrendChart(title: "big", points: points.reversed(), thresholds: thresholds).svg(.wide))
        #expect(Self.count("<circle ", in: svg) <= ChartLayout.wide.maxPoints + 200)
        #expect(svg.utf8.count < 60_000, "\(svg.utf8.count) bytes")
        #expect(TrendChart(title: "big", points: points).svg(.compact).utf8.count < 20_000)
        #expect(Self.isWellFormed(svg))
    }

    @Test("Every chart, sparkline and badge is well-formed XML without inline styles")
    func wellFormed() {
        let svgs =
            [
                TrendChart(title: "empty", points: []).svg(),
                TrendChart(title: "one", points: [Self.point(day: 0, line: 1, branch: 0)]).svg(),
                TrendChart(title: "failed only", points: [Self.point(day: 0, line: nil, kind: .failed)]).svg(.compact),
                TrendChart(title: "many", points: Self.longHistory(500)).svg(),
                Sparkline(label: "py <3", rates: [0.1, nil, 0.5, 0.7, nil, 1]).svg(),
                Sparkline(label: "empty", rates: []).svg(),
                Badge(label: "coverage", message: "87.5% <&>", color: "#4c1").svg(),
            ] + TrendChart(title: "legend", points: Self.longHistory(300)).legend.map(\.swatch).filter { !$0.isEmpty }
        for svg in svgs {
            #expect(Self.isWellFormed(svg), "\(svg)")
            #expect(!svg.contains("style="))
        }
    }
}
