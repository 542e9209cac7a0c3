import CoverageModel
import Foundation

/// Everything a site is drawn from: the latest run with its reports, the run before it (for newly
/// uncovered lines), every stored run, and the source text the CLI could read safely.
public struct SiteInput: Sendable {
    /// The latest run; components' reports are present where their per-line data is kept.
    public let run: Run
    /// The run before it, with reports where kept.
    public let previous: Run?
    /// Every stored run, oldest first; per-file counts loaded for the most recent ones.
    public let history: [RunSummary]
    /// Source text by component, then by file display path.
    public let sources: [String: [String: SourceText]]
    /// The latest alert of every condition active now: the banner on the overview.
    public let activeAlerts: [Alert]
    /// Every alert raised, newest first: the alerts page.
    public let alertEvents: [Alert]

    public init(
        run: Run, previous: Run? = nil, history: [RunSummary] = [], sources: [String: [String: SourceText]] = [:],
        activeAlerts: [Alert] = [], alertEvents: [Alert] = []
    ) {
        self.run = run
        self.previous = previous
        self.history = history
        self.sources = sources
        self.activeAlerts = activeAlerts
        self.alertEvents = alertEvents
    }
}

/// A file's source as the file page shows it, or why it is not shown.
public enum SourceText: Sendable, Equatable {
    case lines([String])
    case unavailable(reason: String)
}
