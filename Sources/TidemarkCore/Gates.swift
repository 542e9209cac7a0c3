import CoverageModel
import Formatting
import Foundation
import HistoryStore

/// The gates the user asked for; `nil` and `false` mean off.
public struct GateLimits: Sendable, Equatable {
    /// Exit 3 when overall line coverage is below this percent.
    public var failUnderLine: Double?
    /// Exit 4 when overall branch coverage is below this percent.
    public var failUnderBranch: Double?
    /// Exit 5 when coverage dropped beyond tolerance in this run.
    public var failOnDrop = false
    /// Exit 6 when tests errored, failed or could not be collected in this run.
    public var failOnTestErrors = false

    public init() {}
}

/// The gates: after history and site are written, the exit status says which gate failed.
/// A failed measurement is 2, then the gates 3–6; when several apply, the lowest code wins.
enum Gates {
    static func check(_ recorded: RunRecorder.Recorded, settings: Settings, console: Console) -> ExitStatus {
        let limits = settings.flags.gates
        let run = recorded.run
        var statuses: [ExitStatus] = []
        if run.components.contains(where: { $0.status != .measured }) { statuses.append(.measurementFailed) }
        let totals = run.totals
        if let minimum = limits.failUnderLine, (totals.lineRate ?? 0) * 100 < minimum - 1e-9 {
            console.error(
                "gate: line coverage \(DisplayFormat.percent(totals.lineRate)) is under --fail-under-line \(minimum)%")
            statuses.append(.lineGate)
        }
        if let minimum = limits.failUnderBranch, let rate = totals.branchRate, rate * 100 < minimum - 1e-9 {
            console.error(
                "gate: branch coverage \(DisplayFormat.percent(rate)) is under --fail-under-branch \(minimum)%")
            statuses.append(.branchGate)
        }
        if limits.failOnDrop {
            let active = (try? ActiveAlerts.of(recorded.store, settings: settings)) ?? []
            if active.contains(where: { $0.kind == .drop || $0.kind == .medianDrop }) {
                console.error("gate: coverage dropped (--fail-on-drop)")
                statuses.append(.dropGate)
            }
        }
        if limits.failOnTestErrors, let tests = run.tests, tests.isBroken || tests.collectionErrors > 0 {
            console.error(
                "gate: \(tests.failures) failed, \(tests.errors) errored (\(tests.collectionErrors) collection errors) "
                    + "(--fail-on-test-errors)")
            statuses.append(.testGate)
        }
        return statuses.min() ?? .success
    }
}
