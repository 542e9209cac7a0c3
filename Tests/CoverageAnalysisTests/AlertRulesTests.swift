import CoverageAnalysis
import CoverageModel
import Foundation
import Testing

/// Every rule: starts, repeats silently, clears; untrusted runs are never a baseline.
struct AlertRulesTests {
    /// One run of one component "py": covered of 1000 lines, optional branches, tests and failure.
    static func run(
        _ index: Int, covered: Int, valid: Int = 1000, branches: (Int, Int)? = nil, tests: TestResults? = nil,
        failed: Bool = false, files: [String] = []
    ) -> RunSummary {
        let counts = Counts(
            linesValid: valid, linesCovered: covered, branchesValid: branches?.1 ?? 0, branchesCovered: branches?.0 ?? 0)
        return RunSummary(
            id: "r\(index)", time: Date(timeIntervalSince1970: Double(index) * 86_400), source: RunSource(commit: "c\(index)"),
            components: [
                ComponentSummary(
                    name: "py", producer: .coveragePy, status: failed ? .failed(reason: "no coverage.xml") : .measured,
                    counts: failed ? .zero : counts, tests: tests, contentHash: "\(index)",
                    files: files.map { FileSummary(path: $0, counts: Counts(linesValid: 1, linesCovered: 1)) }),
            ])
    }

    /// Replays runs one by one, carrying the state, and returns each run's alert kinds.
    static func replay(_ runs: [RunSummary], _ limits: Thresholds) -> [[String]] {
        var state: AlertState = [:]
        var kinds: [[String]] = []
        for index in runs.indices {
            let result = AlertRules.evaluate(history: Array(runs[...index]), thresholds: [:], defaults: limits, state: state)
            state = result.state
            kinds.append(result.alerts.map(\.kind))
        }
        return kinds
    }

    static let quiet = Thresholds(dropTolerance: nil, medianDropTolerance: nil, linesValidChange: nil)

    @Test("Target levels: approaching once, reached once, fell back, below warning — repeats are silent",
          arguments: [
            ([500, 960, 970, 995, 999, 989, 940, 941], [[], ["approaching"], [], ["target-reached"], [], ["below-target"], ["below-warning"], []]),
            ([995, 996], [["target-reached"], []]),
            ([500, 600], [[], []]),
          ])
    func levels(_ covered: [Int], _ expected: [[String]]) {
        var limits = Self.quiet
        limits.lineTarget = 0.99
        limits.lineWarning = 0.95
        let runs = covered.enumerated().map { Self.run($0.offset, covered: $0.element) }
        #expect(Self.replay(runs, limits) == expected)
    }

    @Test("The approaching alert estimates when the target will be reached from the recent trend")
    func forecast() throws {
        var limits = Self.quiet
        limits.lineTarget = 0.99
        limits.lineWarning = 0.95
        let runs = [900, 920, 940, 960].enumerated().map { Self.run($0.offset, covered: $0.element) }
        let result = AlertRules.evaluate(history: runs, thresholds: [:], defaults: limits, state: [:])
        let message = try #require(result.alerts.first { $0.kind == "approaching" }?.message)
        #expect(message.contains("in about 2 days"), "\(message)")
    }

    @Test("A drop beyond tolerance against the previous trusted run fires once and clears; untrusted runs are no baseline")
    func drops() {
        let broken = TestResults(tests: 10, passed: 9, failures: 1)
        let runs = [
            Self.run(0, covered: 900), Self.run(1, covered: 700, tests: broken), Self.run(2, covered: 880),
            Self.run(3, covered: 870), Self.run(4, covered: 871),
        ]
        let limits = Thresholds(dropTolerance: 1.0, medianDropTolerance: nil, linesValidChange: nil)
        // Run 2 is compared with run 0 (run 1's tests failed): a 2-point drop.
        let kinds = Self.replay(runs, limits)
        #expect(kinds[1].contains("drop"))
        #expect(kinds[2] == ["test-failures-cleared"], "run 2 keeps the drop active (2 pt below run 0), silently")
        #expect(kinds[3] == ["drop-cleared"], "run 3 is within 1 pt of run 2")
        #expect(kinds[4] == [])
    }

    @Test("A drop against the median of recent trusted runs")
    func medianDrop() {
        let runs = [900, 905, 910, 906, 880, 881].enumerated().map { Self.run($0.offset, covered: $0.element) }
        let limits = Thresholds(dropTolerance: nil, medianDropTolerance: 2.0, medianWindow: 5, linesValidChange: nil)
        #expect(Self.replay(runs, limits) == [[], [], [], [], ["median-drop"], []])
    }

    @Test("Anomalies: lines-valid jumps or shrinks by more than the share; files vanish")
    func anomalies() {
        let runs = [
            Self.run(0, covered: 500, valid: 1000, files: ["a.py", "b.py"]),
            Self.run(1, covered: 500, valid: 1500, files: ["a.py", "b.py"]),
            Self.run(2, covered: 500, valid: 1510, files: ["a.py"]),
            Self.run(3, covered: 500, valid: 1510, files: ["a.py"]),
        ]
        let limits = Thresholds(dropTolerance: nil, medianDropTolerance: nil, linesValidChange: 0.2)
        #expect(Self.replay(runs, limits) == [[], ["lines-jump"], ["lines-jump-cleared", "files-vanished"], ["files-vanished-cleared"]])
    }

    @Test("Tests: collection errors appear, grow, clear; a failed measurement fires and clears")
    func testsAndMeasurement() {
        let blocked = TestResults(tests: 1, errors: 1, collectionErrors: 1, collectionErrorModules: ["tests/test_a.py"])
        let worse = TestResults(tests: 2, errors: 2, collectionErrors: 2)
        let runs = [
            Self.run(0, covered: 900), Self.run(1, covered: 0, tests: blocked, failed: true),
            Self.run(2, covered: 0, tests: blocked, failed: true), Self.run(3, covered: 0, tests: worse, failed: true),
            Self.run(4, covered: 900, tests: TestResults(tests: 5, passed: 5)),
        ]
        #expect(Self.replay(runs, Self.quiet) == [
            [], ["measurement-failed", "collection-errors"], [], ["collection-errors"],
            ["measurement-cleared", "collection-errors-cleared"],
        ])
    }
}
