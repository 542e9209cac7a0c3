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

    @Test("Escaping into bytes (sparklines) agrees with SVGText.escape, runs and replacements alike", arguments: [
        "", "plain/path.py", "<a href='x'>&amp;</a>", "\u{1}\u{2}lead and trail\u{1F}", "tab\tnew\nline\rcr",
        "\u{FFFE}x\u{FFFF}y\u{FFFD}z\u{EFBF}", "é — ünïcode ✓ 𝄞", "&&&", "'\"'\"",
    ])
    func escapingBytes(text: String) {
        var bytes: [UInt8] = Array("prefix:".utf8)
        bytes.appendSVGEscaped(text)
        #expect(String(decoding: bytes, as: UTF8.self) == "prefix:" + SVGText.escape(text))
    }

    @Test(
        "Slugs are lowercase ASCII words joined by dashes",
        arguments: [
            ("Python", "python"), ("Python (3.12)", "python-3-12"), ("  --  ", "chart"), ("Ünïcode x", "n-code-x"),
        ])
    func slugs(title: String, expected: String) {
        #expect(SVGText.slug(title) == expected)
    }

    // MARK: - Geometry

    @Test("Rates map to y: 0 at the plot bottom, 1 at the top, out-of-range values clamped")
    func rateScale() {
        let geometry = ChartGeometry(times: [])
        let plot = geometry.plot
        let table: [(Double, Double)] = [
            (0, plot.bottom), (1, plot.top), (0.5, (plot.top + plot.bottom) / 2), (1.2, plot.top), (-0.3, plot.bottom),
            (.nan, plot.bottom),
        ]
        for (rate, expected) in table {
            #expect(abs(geometry.y(rate) - expected) < 1e-9, "rate \(rate)")
        }
        #expect(plot.left == 44 && plot.right == 626 && plot.top == 26 && plot.bottom == 192)
    }

    @Test("Times map to x by time, not index: uneven runs land at proportional positions")
    func timeScale() {
        let times = [0.0, 1, 10].map { Date(timeIntervalSince1970: Self.base + $0 * Self.day) }
        let geometry = ChartGeometry(times: times)
        let plot = geometry.plot
        #expect(abs(geometry.x(times[0]) - plot.left) < 1e-9)
        #expect(abs(geometry.x(times[2]) - plot.right) < 1e-9)
        #expect(abs(geometry.x(times[1]) - (plot.left + plot.width / 10)) < 1e-9)
    }

    @Test("Runs that share one time, or span less than three days, are centred")
    func centred() {
        let time = Date(timeIntervalSince1970: Self.base + 4 * 3600)
        let geometry = ChartGeometry(times: [time, time, time])
        #expect(abs(geometry.x(time) - (geometry.plot.left + geometry.plot.width / 2)) < 1e-9)
        #expect(geometry.timeDomain.upperBound - geometry.timeDomain.lowerBound == ChartGeometry.minimumSpan)
        let pair = ChartGeometry(times: [time, time.addingTimeInterval(3600)])
        #expect(abs(pair.x(time.addingTimeInterval(1800)) - (pair.plot.left + pair.plot.width / 2)) < 1e-9)
    }

    @Test("Day ticks for a fixed domain are the expected UTC midnights")
    func tickTable() {
        let table: [(ClosedRange<Double>, [Double])] = [
            // Three days from 12:00: midnights on days 1, 2 and 3.
            ((Self.base + 0.5 * Self.day)...(Self.base + 3.5 * Self.day), [1, 2, 3]),
            // Ten days: every second day counted from Monday 1970-01-05; base is 20 783 days after it.
            (Self.base...(Self.base + 10 * Self.day), [1, 3, 5, 7, 9]),
            // Thirty days: weekly, on Mondays.
            (Self.base...(Self.base + 30 * Self.day), [0, 7, 14, 21, 28]),
        ]
        for (domain, expectedDays) in table {
            #expect(ChartGeometry.dayTicks(in: domain) == expectedDays.map { Self.base + $0 * Self.day })
        }
    }

    @Test(
        "Any span gets 3…6 increasing midnight ticks inside the domain",
        arguments: [0.0, 0.01, 1, 2.5, 3, 5.9, 13, 40, 200, 365, 1000, 3650, 20000])
    func tickCounts(spanDays: Double) {
        let start = Self.base + 0.37 * Self.day
        let geometry = ChartGeometry(
            times: [start, start + spanDays * Self.day].map(Date.init(timeIntervalSince1970:)))
        let ticks = geometry.timeTicks().map(\.timeIntervalSince1970)
        #expect((3...6).contains(ticks.count), "\(ticks.count) ticks for \(spanDays) days")
        #expect(ticks == ticks.sorted())
        #expect(
            ticks.allSatisfy { geometry.timeDomain.contains($0) && $0.truncatingRemainder(dividingBy: Self.day) == 0 })
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

    @Test("Sampling a chart keeps every failed and untrusted run and the latest one")
    func sampling() {
        let points = Self.longHistory(10_000)
        let shown = TrendChart.sample(points, maxPoints: 300)
        #expect(shown.count <= 300)
        #expect(shown.last == points.last)
        #expect(shown.filter { $0.kind != .measured }.count == points.filter { $0.kind != .measured }.count)
        #expect(shown.map(\.time) == shown.map(\.time).sorted())
    }

    // MARK: - Trend chart

    @Test("The chart has deterministic ids from its title, a title, a desc and no inline styles")
    func header() {
        let svg = TrendChart(title: "Python", points: [Self.point(day: 0, line: 0.875, branch: 0.6)]).svg()
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 220\" width=\"640\" height=\"220\""
                    + " role=\"img\" aria-labelledby=\"trend-python-title trend-python-desc\" class=\"trend\">"))
        #expect(svg.contains("<title id=\"trend-python-title\">Python</title>"))
        #expect(
            svg.contains(
                "<desc id=\"trend-python-desc\">1 run on 2026-11-30; latest: lines 87.5%, branches 60.0%.</desc>"))
        #expect(!svg.contains("style"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test("The desc summarises runs, dates and the latest rates")
    func description() {
        let chart = TrendChart(
            title: "t",
            points: [Self.point(day: 3, line: nil, kind: .failed), Self.point(day: 0, line: 0.5, branch: 0.25)])
        #expect(chart.description == "2 runs from 2026-11-30 to 2026-12-03; the latest run failed to measure coverage.")
        #expect(TrendChart(title: "t", points: []).description == "No runs yet.")
    }

    @Test("Failed runs break both lines into segments and sit hollow on the x axis")
    func gaps() {
        let points = [
            Self.point(day: 0, line: 0.5, branch: 0.4), Self.point(day: 1, line: 0.6, branch: 0.5),
            Self.point(day: 2, line: nil, kind: .failed), Self.point(day: 3, line: 0.7, branch: 0.6),
            Self.point(day: 4, line: 0.8, branch: 0.7, kind: .untrusted), Self.point(day: 5, line: nil, kind: .failed),
            Self.point(day: 6, line: 0.9, branch: 0.8),
        ]
        let chart = TrendChart(title: "gaps", points: points)
        let svg = chart.svg()
        #expect(Self.segments(of: "trend-line", in: svg) == 3)
        #expect(Self.segments(of: "trend-branch", in: svg) == 3)
        #expect(Self.count("<circle ", in: svg) == 7)
        #expect(Self.count("class=\"trend-point failed\"", in: svg) == 2)
        #expect(Self.count("class=\"trend-point untrusted\"", in: svg) == 1)
        let failedX = SVGText.number(chart.geometry.x(points[2].time))
        let bottom = SVGText.number(chart.geometry.plot.bottom)
        #expect(svg.contains("class=\"trend-point failed\" cx=\"\(failedX)\" cy=\"\(bottom)\""))
        // The untrusted run stays on the line: the middle segment runs through it.
        #expect(
            svg.contains("\(SVGText.number(chart.geometry.x(points[4].time))),\(SVGText.number(chart.geometry.y(0.8)))")
        )
        #expect(!svg.contains("stroke-dasharray=\"2 2\""))
    }

    @Test("Target and warning lines are drawn and labelled only when given")
    func thresholds() {
        let svg = TrendChart(title: "t", points: [Self.point(day: 0, line: 0.5)], target: 0.9, warning: 0.75).svg()
        #expect(svg.contains("<g class=\"target\">") && svg.contains(">target 90.0%</text>"))
        #expect(svg.contains("<g class=\"warning\">") && svg.contains(">warning 75.0%</text>"))
        #expect(Self.count("<circle ", in: svg) == 1)
        #expect(!svg.contains("trend-branch"))
    }

    @Test("Tooltips and titles are escaped")
    func chartEscaping() {
        let svg = TrendChart(title: "<b>&", points: [Self.point(day: 0, line: 0.5, tooltip: "<script>&\"'")]).svg()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("<title>&lt;script&gt;&amp;&quot;&#39;</title>"))
        #expect(svg.contains(">&lt;b&gt;&amp;</title>"))
        #expect(Self.isWellFormed(svg))
    }

    @Test("An empty chart says so")
    func empty() {
        let svg = TrendChart(title: "t", points: []).svg()
        #expect(svg.contains(">No runs yet</text>"))
        #expect(!svg.contains("<circle"))
    }

    @Test("A 10 000-run chart is byte-identical twice, at most maxPoints markers and under 60 KB")
    func large() {
        let points = Self.longHistory(10_000)
        let svg = TrendChart(title: "big", points: points, target: 0.9, warning: 0.75).svg()
        #expect(svg == TrendChart(title: "big", points: points.reversed(), target: 0.9, warning: 0.75).svg())
        #expect(Self.count("<circle ", in: svg) <= 300)
        #expect(svg.utf8.count < 60_000, "\(svg.utf8.count) bytes")
        #expect(Self.isWellFormed(svg))
    }

    @Test("Every chart, sparkline and badge is well-formed XML without inline styles")
    func wellFormed() {
        let svgs = [
            TrendChart(title: "empty", points: []).svg(),
            TrendChart(title: "one", points: [Self.point(day: 0, line: 1, branch: 0)]).svg(),
            TrendChart(title: "failed only", points: [Self.point(day: 0, line: nil, kind: .failed)]).svg(),
            TrendChart(title: "many", points: Self.longHistory(500), target: 0.8).svg(),
            Sparkline(label: "py <3", rates: [0.1, nil, 0.5, 0.7, nil, 1]).svg(),
            Sparkline(label: "empty", rates: []).svg(),
            Badge(label: "coverage", message: "87.5% <&>", color: "#4c1").svg(),
        ]
        for svg in svgs {
            #expect(Self.isWellFormed(svg), "\(svg)")
            #expect(!svg.contains("style="))
        }
    }

    // MARK: - Sparkline and badge

    @Test("A sparkline has a title, an accessible name and breaks at missing rates")
    func sparkline() {
        let svg = Sparkline(label: "python", rates: [0.1, 0.2, nil, 0.5, 0.7, nil, 1]).svg()
        #expect(svg.contains("role=\"img\" aria-label=\"python\""))
        #expect(svg.contains("<title>python</title>"))
        #expect(Self.count("<polyline", in: svg) == 2)
        #expect(Self.count("<circle", in: svg) == 1)
        let long = Sparkline(label: "long", rates: (0..<10_000).map { Double($0 % 10) / 10 }).svg()
        #expect(long.utf8.count < 2_000)
    }

    @Test("A badge grows with its text and is a standalone document")
    func badge() {
        let short = Badge(label: "coverage", message: "9%", color: "#4c1").svg()
        let long = Badge(label: "coverage", message: "100.0% (tests broken)", color: "#4c1").svg()
        func width(_ svg: String) -> Int? {
            svg.components(separatedBy: "width=\"").dropFirst().first.flatMap { Int($0.prefix { $0 != "\"" }) }
        }
        #expect((width(short) ?? 0) > 60)
        #expect((width(long) ?? 0) > (width(short) ?? 0) + 80)
        #expect(short.contains("xmlns=\"http://www.w3.org/2000/svg\"") && short.contains("<title>coverage: 9%</title>"))
        #expect(short.hasSuffix("</svg>\n"))
        #expect(Badge(label: "a", message: "b", color: "red\"/>").svg().contains("fill=\"#9f9f9f\""))
    }

    @Test(
        "Badge colours follow the thresholds",
        arguments: [
            (nil, nil, nil, "#9f9f9f"), (0.95, nil, nil, "#4c1"), (0.9, nil, nil, "#4c1"),
            (0.8999, nil, nil, "#dfb317"),
            (0.75, nil, nil, "#dfb317"), (0.7499, nil, nil, "#e05d44"), (0.6, 0.6, 0.5, "#4c1"),
            (0.55, 0.6, 0.5, "#dfb317"), (0.4, 0.6, 0.5, "#e05d44"), (0.0, nil, nil, "#e05d44"),
        ] as [(Double?, Double?, Double?, String)])
    func badgeColors(rate: Double?, target: Double?, warning: Double?, expected: String) {
        #expect(Badge.color(forRate: rate, target: target, warning: warning) == expected)
    }
}
