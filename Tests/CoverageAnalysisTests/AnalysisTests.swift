import CoverageAnalysis
import CoverageModel
import Foundation
import Testing

struct AnalysisTests {
    static func component(_ covered: Int, of valid: Int, branches: (Int, Int) = (0, 0), failed: Bool = false)
        -> ComponentSummary
    {
        ComponentSummary(
            name: "python", producer: .coveragePy, status: failed ? .failed(reason: "x") : .measured,
            counts: Counts(
                linesValid: valid, linesCovered: covered, branchesValid: branches.1, branchesCovered: branches.0),
            tests: nil, contentHash: "")
    }

    @Test(
        "Deltas are in percentage points; missing rates and failed runs give no delta",
        arguments: [
            (component(50, of: 100), component(75, of: 100), 25.0 as Double?),
            (component(75, of: 100), component(50, of: 100), -25.0),
            (component(0, of: 0), component(5, of: 10), nil),
            (component(5, of: 10, failed: true), component(5, of: 10), nil),
        ])
    func lineDelta(_ before: ComponentSummary, _ after: ComponentSummary, _ expected: Double?) {
        #expect(RunDelta.between(before, after).linePoints == expected)
    }

    @Test("Branch deltas need branches on both sides")
    func branchDelta() {
        #expect(
            RunDelta.between(Self.component(1, of: 2, branches: (1, 4)), Self.component(1, of: 2, branches: (3, 4)))
                .branchPoints == 50)
        #expect(
            RunDelta.between(Self.component(1, of: 2), Self.component(1, of: 2, branches: (3, 4))).branchPoints == nil)
        #expect(RunDelta.between(nil, Self.component(1, of: 2)) == RunDelta(linePoints: nil, branchPoints: nil))
    }

    @Test("The change since the last run that measured the component passes over failed runs and runs without it")
    func sinceLastMeasured() {
        func run(_ id: String, _ component: ComponentSummary?) -> RunSummary {
            RunSummary(
                id: id, time: Date(timeIntervalSince1970: Double(id.count)), source: RunSource(),
                components: component.map { [$0] } ?? [])
        }
        let now = Self.component(852, of: 1000)
        let measured = run("a", Self.component(755, of: 1000))
        let blocked = run("bb", Self.component(0, of: 0, failed: true))
        let absent = run("ccc", nil)
        // Against the blocked run alone there is no change; over it, the change since "a".
        #expect(RunDelta.sinceLastMeasured(now, in: [blocked]).linePoints == nil)
        let delta = RunDelta.sinceLastMeasured(now, in: [measured, blocked, absent]).linePoints
        #expect(delta.map { abs($0 - 9.7) < 1e-9 } == true)
        #expect(RunDelta.sinceLastMeasured(now, in: [RunSummary]()).linePoints == nil)
        // A failed run now has no change, whatever came before.
        #expect(RunDelta.sinceLastMeasured(Self.component(1, of: 2, failed: true), in: [measured]).linePoints == nil)
    }

    @Test("Biggest movers: largest change in covered plus uncovered lines first; new and removed files count")
    func movers() {
        let before = [
            FileSummary(path: "a.py", counts: Counts(linesValid: 10, linesCovered: 5)),
            FileSummary(path: "b.py", counts: Counts(linesValid: 10, linesCovered: 10)),
            FileSummary(path: "gone.py", counts: Counts(linesValid: 3, linesCovered: 1)),
        ]
        let after = [
            FileSummary(path: "a.py", counts: Counts(linesValid: 10, linesCovered: 9)),
            FileSummary(path: "b.py", counts: Counts(linesValid: 10, linesCovered: 10)),
            FileSummary(path: "new.py", counts: Counts(linesValid: 20, linesCovered: 0)),
        ]
        let moves = FileMovers.between(before, after)
        #expect(moves.map(\.path) == ["new.py", "a.py", "gone.py"])
        #expect(moves.first?.missedChange == 20)
        #expect(moves[1].coveredChange == 4 && moves[1].missedChange == -4)
    }

    @Test("Movers: lists in any order give the same moves; a path listed twice counts once, as first listed")
    func moversUnsorted() {
        let before = [
            FileSummary(path: "z.py", counts: Counts(linesValid: 4, linesCovered: 4)),
            FileSummary(path: "a.py", counts: Counts(linesValid: 10, linesCovered: 5)),
            FileSummary(path: "a.py", counts: Counts(linesValid: 99, linesCovered: 0)),
        ]
        let after = [
            FileSummary(path: "m.py", counts: Counts(linesValid: 2, linesCovered: 0)),
            FileSummary(path: "a.py", counts: Counts(linesValid: 10, linesCovered: 7)),
            FileSummary(path: "z.py", counts: Counts(linesValid: 4, linesCovered: 4)),
        ]
        let moves = FileMovers.between(before, after)
        #expect(moves.map(\.path) == ["a.py", "m.py"])
        #expect(moves.first?.before == Counts(linesValid: 10, linesCovered: 5))
        #expect(FileMovers.between(after, before).map(\.path) == ["a.py", "m.py"])
    }

    @Test("Newly uncovered lines were covered before and are missed now")
    func newlyUncovered() {
        let before = SourceFile(
            name: "a.py",
            lines: [
                LineCoverage(number: 1, hits: 1), LineCoverage(number: 2, hits: 1), LineCoverage(number: 3, hits: 0),
            ])
        let now = SourceFile(
            name: "a.py",
            lines: [
                LineCoverage(number: 1, hits: 1), LineCoverage(number: 2, hits: 0), LineCoverage(number: 3, hits: 0),
                LineCoverage(number: 4, hits: 0),
            ])
        #expect(NewlyUncovered.lines(current: now, previous: before) == [2])
        #expect(NewlyUncovered.lines(current: now, previous: nil) == [])
        // Lines handed one by one: a line gone since, a line new since, several found in one walk.
        let earlier = [1, 2, 5, 7, 8, 12].map { LineCoverage(number: $0, hits: $0 == 8 ? 0 : 3) }
        let later = [2, 3, 5, 8, 9, 12].map { LineCoverage(number: $0, hits: $0 == 3 ? 1 : 0) }
        let handed = NewlyUncovered.lines(current: later) { body in
            for line in earlier { body(line) }
        }
        #expect(handed == [2, 5, 12])
    }

    @Test("A component's series skips runs without it, marks failed and untrusted runs")
    func series() {
        let broken = TestResults(tests: 2, passed: 1, failures: 1)
        let runs = [
            RunSummary(
                id: "1", time: Date(timeIntervalSince1970: 1), source: RunSource(),
                components: [Self.component(1, of: 2)]),
            RunSummary(id: "2", time: Date(timeIntervalSince1970: 2), source: RunSource(), components: []),
            RunSummary(
                id: "3", time: Date(timeIntervalSince1970: 3), source: RunSource(),
                components: [Self.component(1, of: 2, failed: true)]),
            RunSummary(
                id: "4", time: Date(timeIntervalSince1970: 4), source: RunSource(commit: "c"),
                components: [
                    ComponentSummary(
                        name: "python", producer: nil, status: .measured,
                        counts: Counts(linesValid: 2, linesCovered: 2),
                        tests: broken, contentHash: "")
                ]),
        ]
        let series = ComponentSeries.of("python", in: runs)
        #expect(series.entries.map(\.runID) == ["1", "3", "4"])
        #expect(series.entries[1].counts == nil)
        #expect(series.entries[2].isUntrusted)
    }
}
