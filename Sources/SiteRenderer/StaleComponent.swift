import CoverageModel
import Formatting
import Foundation

/// A component whose latest run failed to measure, drawn from the last run that measured it:
/// its pages stay reachable, each with a banner saying they are stale and why.
public struct StaleComponent: Sendable {
    /// The component as the last measured run has it, with its report.
    public let component: ComponentRun
    /// The component in the measured run before that, for the lines that became uncovered.
    public let previous: ComponentRun?
    /// The last measured run.
    public let runID: String
    public let commit: String?
    public let time: Date
    /// Why the latest run failed.
    public let reason: String

    public init(
        component: ComponentRun, previous: ComponentRun?, runID: String, commit: String?, time: Date, reason: String
    ) {
        self.component = component
        self.previous = previous
        self.runID = runID
        self.commit = commit
        self.time = time
        self.reason = reason
    }

    /// `stale: measured in run abc123456789 of 2026-11-30T03:51:00Z; the latest run failed: blocked by …`
    public var bannerText: String {
        let run = commit.map(DisplayFormat.commit) ?? String(runID.prefix(12))
        return "stale: measured in run \(run) of \(DisplayFormat.timestamp(time)); the latest run failed: \(reason)"
    }
}

/// A component as its pages draw it: the latest run's report, or the last measured one with a banner.
struct DrawnComponent {
    let name: String
    let report: CoverageReport
    /// The same component's files in the run before, for the lines that became uncovered.
    let previous: PreviousFiles?
    /// The stale banner on every page of the component; empty when its data is the latest run's.
    let staleText: String
}

extension SiteInput {
    /// Every component that has pages, in the run's order: those whose latest run has a report,
    /// and those whose latest run failed but that have a last measured run.
    var drawnComponents: [DrawnComponent] {
        run.components.compactMap { component in
            if let report = component.report {
                let previous = self.previous?.components[component.name]
                return DrawnComponent(name: component.name, report: report, previous: previous, staleText: "")
            }
            guard let stale = stale[component.name], let report = stale.component.report else { return nil }
            return DrawnComponent(
                name: component.name, report: report, previous: stale.previous?.report.map { PreviousFiles($0.files) },
                staleText: stale.bannerText)
        }
    }
}
