import CoverageModel
import Foundation
import Testing

@testable import SiteRenderer

/// Sparklines (values in the title, shared columns, flat lines) and badges.
struct SparklineTests {
    // MARK: - Sparkline and badge

    @Test("A sparkline lists its values in its title and breaks at missing rates")
    func sparkline() {
        let svg = Sparkline(label: "python", rates: [0.1, 0.2, nil, 0.5, 0.7, nil, 1]).svg()
        #expect(svg.contains("role=\"img\" class=\"sparkline\""))
        #expect(svg.contains("<title>python: 10.0%, 20.0%, —, 50.0%, 70.0%, —, 100.0%</title>"))
        #expect(ChartTests.count("<polyline", in: svg) == 2)
        #expect(ChartTests.count("<circle", in: svg) == 1)
        let long = Sparkline(label: "long", rates: (0..<10_000).map { Double($0 % 10) / 10 }).svg()
        #expect(long.utf8.count < 4_000)
    }

    @Test("A constant sparkline is a flat line, also when it has a single column")
    func flatSparkline() {
        let flat = Sparkline(label: "f", rates: [0.9, 0.9, 0.9]).svg()
        #expect(flat.contains("<title>f: 90.0% ×3</title>"))
        #expect(flat.contains("points=\"1.5,8.0 40.0,8.0 78.5,8.0\""))
        let single = Sparkline(label: "s", rates: [0.5]).svg()
        #expect(single.contains("points=\"1.5,8.0 78.5,8.0\"") && !single.contains("<circle"))
    }

    @Test("Sparklines of one table share their x positions: a column per change of the component")
    func sharedColumns() {
        func run(_ index: Int, _ files: [(String, Int)]) -> RunSummary {
            RunSummary(
                id: "r\(index)", time: Date(timeIntervalSince1970: Double(index)), source: RunSource(),
                components: [
                    ComponentSummary(
                        name: "py", producer: .coveragePy, status: .measured, counts: .zero, tests: nil,
                        contentHash: "",
                        files: files.map { FileSummary(path: $0.0, counts: Counts(linesValid: 10, linesCovered: $0.1)) }
                    )
                ])
        }
        // Run 1 repeats run 0 exactly: one column for both. b.py is new in run 3.
        let history = [
            run(0, [("a.py", 5)]), run(1, [("a.py", 5)]), run(2, [("a.py", 6)]), run(3, [("a.py", 6), ("b.py", 9)]),
        ]
        let rates = RecentRates(component: "py", history: history)
        #expect(rates.rates(of: "a.py") == [0.5, 0.6, 0.6])
        #expect(rates.rates(of: "b.py") == [nil, nil, 0.9])
        #expect(rates.rates(of: "") == [0.5, 0.6, 0.75])
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
