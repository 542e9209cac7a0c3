import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation

/// What the all-projects index shows of one project: drawn from its stored runs, or taken from the
/// `projects.json` of the last render when the project has not changed since.
public struct ProjectOverview: Sendable, Equatable {
    /// An active alert as the index lists it.
    public struct AlertLine: Sendable, Equatable {
        public let severity: Alert.Severity
        public let component: String
        public let message: String
    }

    /// The project's name, also its folder `p/NAME/`.
    public let name: String
    public let runCount: Int
    /// The newest run's time, nil without runs.
    public let lastRunTime: Date?
    /// The overall counts of the newest runs, oldest first: the last one is the latest run, the
    /// one before it the run its change is measured from (at most `ProjectsPage.sparklineRuns`).
    public let recentTotals: [Counts]
    /// The components whose measurement failed in the latest run.
    public let failedComponents: [String]
    /// The alert conditions that hold at the newest run.
    public let alerts: [AlertLine]
    /// The levels overall coverage is coloured by.
    public let levels: CoverageLevels

    /// What the index shows of a project, from its runs (oldest first; component totals are what
    /// it needs) and the alerts that hold at the newest.
    public init(name: String, runs: [RunSummary], activeAlerts: [Alert], levels: CoverageLevels) {
        self.init(
            name: name, runCount: runs.count, lastRunTime: runs.last?.time,
            recentTotals: runs.suffix(ProjectsPage.sparklineRuns).map(\.totals),
            failedComponents: runs.last?.components.filter { $0.status != .measured }.map(\.name) ?? [],
            alerts: activeAlerts.map { AlertLine(severity: $0.severity, component: $0.component, message: $0.message) },
            levels: levels)
    }

    /// An overview as `projects.json` keeps it.
    init(
        name: String, runCount: Int, lastRunTime: Date?, recentTotals: [Counts], failedComponents: [String],
        alerts: [AlertLine], levels: CoverageLevels
    ) {
        self.name = name
        self.runCount = runCount
        self.lastRunTime = lastRunTime
        self.recentTotals = recentTotals
        self.failedComponents = failedComponents
        self.alerts = alerts
        self.levels = levels
    }
}

/// `index.html` (worst first) and `by-name.html` of a site of many projects: a row per project with
/// its latest overall line and branch coverage, the change since the run before, a sparkline of
/// its recent runs, its active alerts and the time of its last run, linking to its own site.
struct ProjectsPage {
    struct Row {
        let name: String
        let link: String
        let counts: CountsText
        let isFailed: Bool
        let failureText: String
        let lineDeltaText: String
        let lineDeltaClass: String
        let branchDeltaText: String
        let branchDeltaClass: String
        let sparkline: String
        let alertsText: String
        let alertsClass: String
        let alerts: [AlertItem]
        let hasAlerts: Bool
        let runCountText: String
        let lastRunText: String
        let hasLastRun: Bool
    }

    struct AlertItem {
        let severity: String
        let text: String
    }

    let hasRunTime = false
    let root = ""
    let title = "All projects"
    let isWorstFirst: Bool
    let summaryText: String
    let rows: [Row]

    /// How many recent runs a sparkline shows.
    static let sparklineRuns = 30

    init(projects: [ProjectOverview], worstFirst: Bool) {
        isWorstFirst = worstFirst
        let rows = projects.map(Self.row)
        let order =
            worstFirst ? Self.worstFirst(projects) : projects.indices.sorted { projects[$0].name < projects[$1].name }
        self.rows = order.map { rows[$0] }
        let runCount = projects.reduce(0) { $0 + $1.runCount }
        let newest = projects.compactMap(\.lastRunTime).max()
        summaryText =
            "\(DisplayFormat.count(projects.count)) project(s), \(DisplayFormat.count(runCount)) run(s) in all"
            + (newest.map { ", the newest of \(DisplayFormat.timestamp($0))" } ?? "")
    }

    /// Projects whose latest run failed to measure come first, then by overall line coverage,
    /// lowest first (a project without measured lines before any with), then by name.
    static func worstFirst(_ projects: [ProjectOverview]) -> [Int] {
        func key(_ project: ProjectOverview) -> (Int, Double) {
            guard let latest = project.recentTotals.last else { return (2, 0) }
            if !project.failedComponents.isEmpty { return (0, 0) }
            return (1, latest.lineRate ?? -1)
        }
        let keys = projects.map(key)
        return projects.indices.sorted { left, right in
            if keys[left] != keys[right] { return keys[left] < keys[right] }
            return projects[left].name < projects[right].name
        }
    }

    private static func row(_ project: ProjectOverview) -> Row {
        let latest = project.recentTotals.last
        let previous = project.recentTotals.dropLast().last
        let delta = latest.map { RunDelta.between(previous.map(overall), overall($0)) }
        let failed = project.failedComponents
        let alerts = project.alerts
        let errors = alerts.filter { $0.severity == .error }.count
        let warnings = alerts.filter { $0.severity == .warning }.count
        let rates = project.recentTotals.map(\.lineRate)
        return Row(
            name: project.name, link: "p/\(project.name)/index.html",
            counts: CountsText(latest ?? .zero, levels: project.levels), isFailed: !failed.isEmpty,
            failureText: failed.isEmpty ? "" : "measurement failed: " + failed.joined(separator: ", "),
            lineDeltaText: DisplayFormat.delta(delta?.linePoints),
            lineDeltaClass: DisplayFormat.deltaClass(delta?.linePoints),
            branchDeltaText: DisplayFormat.delta(delta?.branchPoints),
            branchDeltaClass: DisplayFormat.deltaClass(delta?.branchPoints),
            sparkline: Sparkline(
                label: "\(project.name): line coverage of the last \(rates.count) run(s)", rates: rates
            ).svg(),
            alertsText: alerts.isEmpty
                ? "none"
                : [
                    count(errors, "error"), count(warnings, "warning"),
                    count(alerts.count - errors - warnings, "note"),
                ].compactMap { $0 }.joined(separator: ", "),
            alertsClass: errors > 0 ? "severity-error" : warnings > 0 ? "severity-warning" : "",
            alerts: alerts.map { AlertItem(severity: $0.severity.rawValue, text: "\($0.component): \($0.message)") },
            hasAlerts: !alerts.isEmpty, runCountText: DisplayFormat.count(project.runCount),
            lastRunText: project.lastRunTime.map { DisplayFormat.timestamp($0) } ?? "",
            hasLastRun: project.lastRunTime != nil)
    }

    private static func count(_ value: Int, _ noun: String) -> String? {
        value == 0 ? nil : "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func overall(_ totals: Counts) -> ComponentSummary {
        ComponentSummary(
            name: "overall", producer: nil, status: .measured, counts: totals, tests: nil, contentHash: "")
    }
}

/// The index pages of a site of many projects.
public enum ProjectsIndex {
    /// `index.html` (worst first), `by-name.html`, `projects.json` (with each project's key, by
    /// name) and `style.css`.
    /// - Throws: `RendererError` when a template is missing or broken.
    public static func pages(_ projects: [ProjectOverview], keys: [String: String], templates: TemplateSet)
        throws(RendererError) -> [SitePage]
    {
        [
            SitePage(
                path: "index.html",
                bytes: PageBytes.clean(
                    try templates.render(ProjectsPage(projects: projects, worstFirst: true), with: "projects"))),
            SitePage(
                path: "by-name.html",
                bytes: PageBytes.clean(
                    try templates.render(ProjectsPage(projects: projects, worstFirst: false), with: "projects"))),
            SitePage(path: ProjectsJSON.name, bytes: Array(ProjectsJSON.text(projects, keys: keys).utf8)),
            SitePage(path: "style.css", bytes: PageBytes.clean(Array(try templates.asset("style.css").utf8))),
        ]
    }
}
