import CoverageModel
import Foundation
import Testing

@testable import SiteRenderer

/// The overview's movers compare each component with the previous run that measured it, as its
/// change columns do.
struct OverviewComparisonTests {
    static func summary(_ covered: Int, failed: Bool = false, files: [String] = ["a.rs", "b.rs"]) -> ComponentSummary {
        ComponentSummary(
            name: "rs", producer: .grcov, status: failed ? .failed(reason: "no measurement") : .measured,
            counts: Counts(linesValid: 20, linesCovered: covered), tests: nil, contentHash: "",
            files: failed
                ? [] : files.map { FileSummary(path: $0, counts: Counts(linesValid: 10, linesCovered: covered / 2)) })
    }

    static func run(_ day: Int, _ component: ComponentSummary) -> RunSummary {
        RunSummary(
            id: "run\(day)", time: Date(timeIntervalSince1970: Double(day) * 86_400), source: RunSource(),
            components: [component])
    }

    @Test("After a failed run, the movers compare with the run before it that measured the component")
    func passesOverFailedRun() throws {
        let history = [
            Self.run(1, Self.summary(10)), Self.run(2, Self.summary(0, failed: true)), Self.run(3, Self.summary(16)),
        ]
        let comparisons = OverviewPage.comparisons(latest: history.last, earlier: history.dropLast())
        let (before, now) = try #require(comparisons.first)
        #expect(comparisons.count == 1 && before.counts.linesCovered == 10 && now.counts.linesCovered == 16)
        let rows = OverviewPage.movers(comparisons, contexts: [:])
        #expect(rows.map(\.path) == ["a.rs", "b.rs"])
        #expect(rows.allSatisfy { $0.coveredText == "+3" })
    }

    @Test("No earlier measured run, or one without per-file counts: nothing to compare, so no movers section")
    func nothingToCompare() {
        let failedBefore = [Self.run(1, Self.summary(0, failed: true)), Self.run(2, Self.summary(16))]
        #expect(OverviewPage.comparisons(latest: failedBefore.last, earlier: failedBefore.dropLast()).isEmpty)
        let countsOnly = [Self.run(1, Self.summary(10, files: [])), Self.run(2, Self.summary(16))]
        #expect(OverviewPage.comparisons(latest: countsOnly.last, earlier: countsOnly.dropLast()).isEmpty)
        #expect(OverviewPage.comparisons(latest: nil, earlier: []).isEmpty)
    }
}
