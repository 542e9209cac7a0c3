import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation

/// What the all-projects index shows of one project, from its stored runs.
public struct ProjectOverview: Sendable {
    /// The project's name, also its folder `p/NAME/`.
    public let name: String
    /// Every run, oldest first (totals are what the index needs).
    public let runs: [RunSummary]
    /// The alert conditions that hold at the newest run.
    public let activeAlerts: [Alert]
    /// The levels overall coverage is coloured by.
    public let levels: CoverageLevels

    public init(name: String, runs: [RunSummary], activeAlerts: [Alert], levels: CoverageLevels) {
        self.name = name
        self.runs = runs
        self.activeAlerts = activeAlerts
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
        let runCount = projects.reduce(0) { $0 + $1.runs.count }
        let newest = projects.compactMap { $0.runs.last?.time }.max()
        summaryText =
            "\(DisplayFormat.count(projects.count)) project(s), \(DisplayFormat.count(runCount)) run(s) in all"
            + (newest.map { ", the newest of \(DisplayFormat.timestamp($0))" } ?? "")
    }

    /// Projects whose latest run failed to measure come first, then by overall line coverage,
    /// lowest first (a project without measured lines before any with), then by name.
    static func worstFirst(_ projects: [ProjectOverview]) -> [Int] {
        func key(_ project: ProjectOverview) -> (Int, Double) {
            guard let latest = project.runs.last else { return (2, 0) }
            if latest.components.contains(where: { $0.status != .measured }) { return (0, 0) }
            return (1, latest.totals.lineRate ?? -1)
        }
        let keys = projects.map(key)
        return projects.indices.sorted { left, right in
            if keys[left] != keys[right] { return keys[left] < keys[right] }
            return projects[left].name < projects[right].name
        }
    }

    private static func row(_ project: ProjectOverview) -> Row {
        let latest = project.runs.last
        let previous = project.runs.dropLast().last
        let totals = latest?.totals ?? .zero
        let delta = latest.map { RunDelta.between(previous.map(overall), overall($0)) }
        let failed = latest?.components.filter { $0.status != .measured }.map(\.name) ?? []
        let errors = project.activeAlerts.filter { $0.severity == .error }.count
        let warnings = project.activeAlerts.filter { $0.severity == .warning }.count
        let rates = project.runs.suffix(sparklineRuns).map { $0.totals.lineRate }
        return Row(
            name: project.name, link: "p/\(project.name)/index.html",
            counts: CountsText(totals, levels: project.levels), isFailed: !failed.isEmpty,
            failureText: failed.isEmpty ? "" : "measurement failed: " + failed.joined(separator: ", "),
            lineDeltaText: DisplayFormat.delta(delta?.linePoints),
            lineDeltaClass: DisplayFormat.deltaClass(delta?.linePoints),
            branchDeltaText: DisplayFormat.delta(delta?.branchPoints),
            branchDeltaClass: DisplayFormat.deltaClass(delta?.branchPoints),
            sparkline: Sparkline(
                label: "\(project.name): line coverage of the last \(rates.count) run(s)", rates: rates
            ).svg(),
            alertsText: project.activeAlerts.isEmpty
                ? "none"
                : [
                    count(errors, "error"), count(warnings, "warning"),
                    count(project.activeAlerts.count - errors - warnings, "note"),
                ].compactMap { $0 }.joined(separator: ", "),
            alertsClass: errors > 0 ? "severity-error" : warnings > 0 ? "severity-warning" : "",
            alerts: project.activeAlerts.map {
                AlertItem(severity: $0.severity.rawValue, text: "\($0.component): \($0.message)")
            },
            hasAlerts: !project.activeAlerts.isEmpty, runCountText: DisplayFormat.count(project.runs.count),
            lastRunText: latest.map { DisplayFormat.timestamp($0.time) } ?? "", hasLastRun: latest != nil)
    }

    private static func count(_ value: Int, _ noun: String) -> String? {
        value == 0 ? nil : "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func overall(_ run: RunSummary) -> ComponentSummary {
        ComponentSummary(
            name: "overall", producer: nil, status: .measured, counts: run.totals, tests: nil, contentHash: "")
    }
}

/// The index pages of a site of many projects.
public enum ProjectsIndex {
    /// `index.html` (worst first), `by-name.html` and `style.css`.
    /// - Throws: `RendererError` when a template is missing or broken.
    public static func pages(_ projects: [ProjectOverview], templates: TemplateSet) throws(RendererError) -> [SitePage]
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
            SitePage(path: "style.css", bytes: PageBytes.clean(Array(try templates.asset("style.css").utf8))),
        ]
    }
}
