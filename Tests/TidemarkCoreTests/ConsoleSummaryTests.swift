import CoverageModel
import Foundation
import Testing

@testable import TidemarkCore

/// The one-line run summary `record`, `generate` and each `watch` tick print.
struct ConsoleSummaryTests {
    static func component(_ name: String, lines: (Int, Int), branches: (Int, Int) = (0, 0)) -> ComponentRun {
        var lineCoverage = (1...lines.1).map { LineCoverage(number: $0, hits: $0 <= lines.0 ? 1 : 0) }
        if branches.1 > 0 {
            lineCoverage[0] = LineCoverage(
                number: 1, hits: 1, branchesValid: Int32(branches.1), branchesCovered: Int32(branches.0))
        }
        let report = CoverageReport(
            producer: .other, timestamp: nil, sources: [], files: [SourceFile(name: "a", lines: lineCoverage)])
        return ComponentRun(name: name, report: report)
    }

    @Test("Each component's line coverage, its branch coverage where measured, and failures, separated by ;")
    func components() {
        let run = Run(
            time: Date(timeIntervalSince1970: 0),
            components: [
                Self.component("python", lines: (7, 8), branches: (3, 4)), Self.component("rust", lines: (1, 2)),
                ComponentRun(name: "c", status: .failed(reason: "no measurement"), report: nil),
            ])
        // In the run's order: components by name.
        #expect(Summary.components(of: run) == "c failed; python 87.5% lines, 75.0% branches; rust 50.0% lines")
    }
}
