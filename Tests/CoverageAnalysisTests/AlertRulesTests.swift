import CoverageModel
import Foundation
import Testing

@testable import CoverageAnalysis

/// Every rule: starts, repeats silently, clears; untrusted runs are never a baseline.
struct AlertRulesTests {
    /// One run of one component "py": covered of 1000 lines, optional branches, tests and failure.
    static func run(
        _ index: Int, covered: Int, valid: Int = 1000, branches: (Int, Int)? = nil, tests: TestResults? = nil,
        failed: Bool = false, files: [String] = []
    ) -> RunSummary {
        let counts = Counts(
            linesValid: valid, linesCovered: covered, branchesValid: branches?.1 ?? 0, branchesCovered: branches?.0 ?? 0
        )
        return RunSummary(
            id: "r\(index)", time: Date(timeIntervalSince1970: Double(index) * 86_400),
            source: RunSource(commit: "c\(index)"),
            components: [
                ComponentSummary(
                    name: "py", producer: .coveragePy, status: failed ? .failed(reason: "no coverage.xml") : .measured,
                    counts: failed ? .zero : counts, tests: tests, contentHash: "\(index)",
                    files: files.map { FileSummary(path: $0, counts: Counts(linesValid: 1, linesCovered: 1)) })
            ])
    }

    /// Replays runs one by one, carrying the state, and returns each run's alert kinds.
    static func replay(_ runs: [RunSummary], _ limits: Thresholds) -> [[String]] {
        var state: AlertState = [:]
        var kinds: [[String]] = []
        for index in runs.indices {
            let result = AlertRules.evaluate(
                history: Array(runs[...index]), thresholds: [:], defaults: limits, state: state)
            state = result.state
            kinds.append(result.alerts.map(\.kind.rawValue))
        }
        return kinds
    }

    static let quiet = Thresholds(dropTolerance: nil, medianDropTolerance: nil, linesValidChange: nil)

    @Test(
        "Target levels: approaching once, reached once, fell back, below warning — repeats are silent",
        arguments: [
            (
                [500, 960, 970, 995, 999, 989, 940, 941],
                [[], ["approaching"], [], ["target-reached"], [], ["below-target"], ["below-warning"], []]
            ),
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
        let message = try #require(result.alerts.first { $0.kind == .approaching }?.message)
        #expect(message.contains("in about 2 days"), "\(message)")
    }

    @Test(
        "A drop beyond tolerance against the previous trusted run fires once and clears; untrusted runs are no baseline"
    )
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
        #expect(
            kinds[2] == ["test-failures-cleared"], "run 2 keeps the drop active (2 pt below trusted run 0), silently")
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
        #expect(
            Self.replay(runs, limits) == [
                [], ["lines-jump"], ["lines-jump-cleared", "files-vanished"], ["files-vanished-cleared"],
            ])
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
        #expect(
            Self.replay(runs, Self.quiet) == [
                [], ["measurement-failed", "collection-errors"], [], ["collection-errors"],
                ["measurement-cleared", "collection-errors-cleared"],
            ])
    }

    // MARK: - The regression hole: untrusted runs before a drop

    /// Runs 0–4 trusted, rising to 68 %; runs 5–9 with failing tests, rising to 99.6 %; run 10 trusted at 94.5 %.
    static func regressionHistory() -> [RunSummary] {
        let broken = TestResults(tests: 50, passed: 49, failures: 1)
        let trusted = [400, 500, 600, 650, 680].enumerated().map { Self.run($0.offset, covered: $0.element) }
        let untrusted = [900, 950, 980, 990, 996].enumerated().map {
            Self.run($0.offset + 5, covered: $0.element, tests: broken)
        }
        return trusted + untrusted + [Self.run(10, covered: 945, tests: TestResults(tests: 50, passed: 50))]
    }

    @Test("A drop against the previous run alerts even when that run had failing tests, and says so")
    func dropAfterUntrustedRuns() throws {
        let limits = Thresholds(dropTolerance: 1.0, medianDropTolerance: 2.0, linesValidChange: nil)
        let kinds = Self.replay(Self.regressionHistory(), limits)
        #expect(kinds[10].contains("drop"), "\(kinds[10])")
        var state: AlertState = [:]
        var last: [Alert] = []
        for index in Self.regressionHistory().indices {
            let result = AlertRules.evaluate(
                history: Array(Self.regressionHistory()[...index]), thresholds: [:], defaults: limits, state: state)
            state = result.state
            last = result.alerts
        }
        let drop = try #require(last.first { $0.kind == .drop })
        #expect(drop.message == "line coverage 94.5%: −5.1 pt since the previous run (c9), which had failing tests")
        #expect(drop.condition == AlertCondition(component: "py", topic: .drop(.line)))
        // The untrusted runs are no baseline for the median: 94.5 % is far above the trusted runs' median.
        #expect(!kinds[10].contains("median-drop"))
    }

    @Test(
        "Drops: against the previous run, trusted or not, or against the last trusted run",
        arguments: [
            // covered per run, which runs had failing tests, expected kinds of the last run, a fragment of its message
            ([900, 890], [Int](), ["drop"], "−1.0 pt since the previous run (c0)" as String?),
            ([900, 895], [], [], nil),
            (
                [900, 990, 900], [1], ["test-failures-cleared", "drop"],
                "−9.0 pt since the previous run (c1), which had failing tests"
            ),
            (
                [950, 945, 938], [1], ["test-failures-cleared", "drop"],
                "−1.2 pt since the last trusted run (c0) of 1970-01-01; the run since had failing tests or no "
                    + "measurement"
            ),
            ([900, 700, 880], [1], ["test-failures-cleared"], nil),
        ] as [([Int], [Int], [String], String?)])
    func dropTable(covered: [Int], untrusted: [Int], expected: [String], fragment: String?) throws {
        let broken = TestResults(tests: 2, passed: 1, failures: 1)
        let runs = covered.enumerated().map { index, value in
            Self.run(
                index, covered: value, tests: untrusted.contains(index) ? broken : TestResults(tests: 2, passed: 2))
        }
        let limits = Thresholds(dropTolerance: 0.99, medianDropTolerance: nil, linesValidChange: nil)
        let kinds = Self.replay(runs, limits)
        let lastKinds = try #require(kinds.last)
        #expect(lastKinds.filter { $0.hasPrefix("drop") || $0.hasPrefix("test") } == expected, "\(kinds)")
        if let fragment {
            let active = AlertRules.active(history: runs, thresholds: [:], defaults: limits)
            #expect(active.contains { $0.kind == .drop && $0.message.contains(fragment) }, "\(active.map(\.message))")
        }
    }

    // MARK: - Active alerts

    @Test("Active alerts hold now and quote the newest numbers; one-off events are not among them")
    func activeAlerts() throws {
        var limits = Self.quiet
        limits.lineTarget = 0.98
        limits.lineWarning = 0.95
        let one = TestResults(tests: 10, passed: 9, failures: 1)
        let two = TestResults(tests: 10, passed: 8, failures: 2)
        let runs = [
            Self.run(0, covered: 972, tests: one), Self.run(1, covered: 990, tests: one),
            Self.run(2, covered: 996, tests: two),
        ]
        // The log said "approaching" at run 0 and "target reached" at run 1 …
        #expect(Self.replay(runs, limits) == [["test-failures", "approaching"], ["target-reached"], []])
        // … but what holds at run 2 is the failing tests, counted now, since run 0.
        let active = AlertRules.active(history: runs, thresholds: [:], defaults: limits)
        #expect(active.map(\.kind) == [.testFailures])
        #expect(active.first?.message == "2 tests failed or errored: this run is not a baseline")
        #expect(active.first?.runID == "r0")
        // Below the target but above the warning level, the approach holds, with its current figure.
        let lower = AlertRules.active(history: runs + [Self.run(3, covered: 960)], thresholds: [:], defaults: limits)
        #expect(lower.map(\.kind) == [.approaching])
        #expect(
            lower.first?.message.hasPrefix("line coverage 96.0% is approaching its 98.0% target (≥ 95.0%)") == true)
        #expect(lower.first?.runID == "r3")
    }

    @Test(
        "A failed measurement keeps the coverage conditions' state: no alert fires or clears for what was not measured")
    func failedMeasurementKeepsLevels() {
        var limits = Self.quiet
        limits.lineTarget = 0.9
        let runs = [Self.run(0, covered: 950), Self.run(1, covered: 0, failed: true), Self.run(2, covered: 951)]
        #expect(Self.replay(runs, limits) == [["target-reached"], ["measurement-failed"], ["measurement-cleared"]])
    }

    @Test("The state after evaluating a history does not depend on the order runs were recorded in")
    func stateInTimeOrder() {
        let limits = Thresholds(lineTarget: 0.99, lineWarning: 0.95, dropTolerance: 1.0, medianDropTolerance: 2.0)
        let runs = Self.regressionHistory()
        var inOrder: AlertState = [:]
        for index in runs.indices {
            inOrder =
                AlertRules.evaluate(history: Array(runs[...index]), thresholds: [:], defaults: limits, state: inOrder)
                .state
        }
        // Run 7 recorded last (a backfill): the state is recomputed for the newest run from the whole history.
        var late: AlertState = [:]
        let withoutSeven = runs.filter { $0.id != "r7" }
        for index in withoutSeven.indices {
            late =
                AlertRules.evaluate(
                    history: Array(withoutSeven[...index]), thresholds: [:], defaults: limits, state: late
                ).state
        }
        late = AlertRules.evaluate(history: runs, thresholds: [:], defaults: limits, state: late).state
        #expect(late == inOrder)
    }

    @Test("Stored words round-trip: every condition and value reads back as written")
    func storedWords() {
        for topic in AlertRules.topics {
            let condition = AlertCondition(component: "my-lib_2.x", topic: topic)
            #expect(AlertCondition(text: condition.text) == condition)
        }
        #expect(AlertCondition(text: "python line level")?.topic == .level(.line))
        #expect(AlertCondition(text: "python nonsense") == nil)
        #expect(ConditionValue.active.text(for: .testFailures) == "failing")
        #expect(ConditionValue.active.text(for: .drop(.branch)) == "dropped")
        #expect(ConditionValue(text: "approaching", for: .level(.line)) == .level(.approaching))
        #expect(ConditionValue(text: "3", for: .collectionErrors) == .count(3))
        #expect(Alert.Kind.allCases.map(\.rawValue).contains("median-drop-cleared"))
    }

    @Test("Vanished files: a walk of two lists in path order finds what a set finds; lists out of order still work")
    func vanishedFiles() {
        // Decomposed and composed "é" are the same path to Swift's `==`, `<` and hashing alike.
        let names = ["a.py", "b/c.py", "b/d.py", "caf\u{E9}.py", "cafe\u{301}x.py", "z.py", "\u{1F600}.py", "B.py"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let pick = { () -> [FileSummary] in
                let chosen = names.filter { _ in Bool.random(using: &generator) }
                let files = chosen.map { FileSummary(path: $0, counts: Counts(linesValid: 1, linesCovered: 0)) }
                return round % 3 == 0 ? files.shuffled(using: &generator) : files.sorted { $0.path < $1.path }
            }
            let (previous, current) = (pick(), pick())
            let now = Set(current.map(\.path))
            let expected = previous.map(\.path).filter { !now.contains($0) }
            #expect(AlertRules.vanished(from: previous, in: current) == expected, "\(previous) \(current)")
        }
        let sorted = (0..<5).map { FileSummary(path: "f\($0).py", counts: .zero) }
        #expect(AlertRules.vanished(from: sorted, in: []) == sorted.map(\.path))
        #expect(AlertRules.vanished(from: sorted, in: sorted).isEmpty)
        #expect(AlertRules.vanished(from: [], in: sorted).isEmpty)
        #expect(AlertRules.vanished(from: sorted, in: [sorted[1], sorted[3]]) == ["f0.py", "f2.py", "f4.py"])
    }
}
