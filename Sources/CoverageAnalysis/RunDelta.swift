import CoverageModel
import Foundation

/// How a component's coverage changed between two runs, in percentage points.
public struct RunDelta: Sendable, Equatable {
    /// Line coverage now minus before, in points (0…100 scale); `nil` when either side has no rate.
    public let linePoints: Double?
    /// Branch coverage change in points; `nil` when either side did not measure branches.
    public let branchPoints: Double?

    public init(linePoints: Double?, branchPoints: Double?) {
        self.linePoints = linePoints
        self.branchPoints = branchPoints
    }

    /// The change from `previous` to `current`; a failed measurement on either side gives no change.
    public static func between(_ previous: ComponentSummary?, _ current: ComponentSummary) -> RunDelta {
        guard let previous, previous.status == .measured, current.status == .measured else {
            return RunDelta(linePoints: nil, branchPoints: nil)
        }
        return RunDelta(
            linePoints: points(previous.counts.lineRate, current.counts.lineRate),
            branchPoints: points(previous.counts.branchRate, current.counts.branchRate))
    }

    /// The change since the newest of `earlier` (oldest first) that measured the component: a run
    /// in between whose measurement failed, or that lacked the component, is passed over, as the
    /// drop alerts pass it over, so the run after a blocked one still shows how far it moved.
    public static func sinceLastMeasured(
        _ current: ComponentSummary, in earlier: some BidirectionalCollection<RunSummary>
    ) -> RunDelta {
        between(lastMeasured(current.name, in: earlier), current)
    }

    /// The component as the newest of `earlier` (oldest first) that measured it recorded it.
    public static func lastMeasured(
        _ component: String, in earlier: some BidirectionalCollection<RunSummary>
    ) -> ComponentSummary? {
        earlier.reversed().lazy.compactMap { $0.component(named: component) }.first { $0.status == .measured }
    }

    private static func points(_ before: Double?, _ after: Double?) -> Double? {
        guard let before, let after else { return nil }
        return (after - before) * 100
    }
}

/// The runs of one component over time, oldest first: what trend charts and sparklines draw.
public struct ComponentSeries: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let runID: String
        public let time: Date
        public let commit: String?
        /// `nil` when the measurement failed.
        public let counts: Counts?
        /// Why the measurement failed; nil when it did not.
        public let failureReason: String?
        /// Tests errored or failed: drawn, but never a baseline.
        public let isUntrusted: Bool
    }

    public let component: String
    public let entries: [Entry]

    /// The series of `component` across `runs` (oldest first); runs without the component are skipped.
    public static func of(_ component: String, in runs: [RunSummary]) -> ComponentSeries {
        ComponentSeries(
            component: component,
            entries: runs.compactMap { run in
                guard let summary = run.component(named: component) else { return nil }
                return Entry(
                    runID: run.id, time: run.time, commit: run.source.commit,
                    counts: summary.status == .measured ? summary.counts : nil, failureReason: summary.status.reason,
                    isUntrusted: summary.tests?.isBroken ?? false)
            })
    }
}
