import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation

/// Everything `index.mustache` shows, already formatted. Built from the latest run and the history;
/// no logic in templates.
struct OverviewPage {
    struct CountsRow {
        let name: String
        let link: String
        let hasLink: Bool
        let producer: String
        let counts: CountsText
        let lineDeltaText: String
        /// `change-up`, `change-down` or `change-none`: colour beside the arrow, never instead of it.
        let lineDeltaClass: String
        let branchDeltaText: String
        let branchDeltaClass: String
        let filesText: String
        let testsText: String
        let hasTestProblems: Bool
        /// Set when the measurement failed: the row shows this instead of counts.
        let failureText: String
        /// Stored, not computed: Mustache sees stored properties only.
        let isFailed: Bool
    }

    struct LegendEntry {
        let swatch: String
        let text: String
        let hasSwatch: Bool
    }

    struct ComponentSection {
        let name: String
        let anchor: String
        let link: String
        let worstLink: String
        let hasPages: Bool
        let producer: String
        let reportTimeText: String
        /// The chart drawn wide and compact; the stylesheet shows the one that fits the screen.
        let chart: String
        let compactChart: String
        let legend: [LegendEntry]
        let collectionErrorModules: [String]
        let hasCollectionErrors: Bool
        let failureText: String
        let isFailed: Bool
        /// The stale banner when the pages show the last measured run.
        let staleText: String
        let isStale: Bool
    }

    struct MoverRow {
        let component: String
        let path: String
        let link: String
        let hasLink: Bool
        let coveredText: String
        let missedText: String
        let changeText: String
        let changeClass: String
        let nowText: String
    }

    struct RunRow {
        let timeText: String
        let isBackfill: Bool
        let commitText: String
        let branchText: String
        let lineRateText: String
        let branchRateText: String
        let componentsText: String
        let hasFailure: Bool
    }

    let hasRunTime = true
    let title: String
    let root = ""
    let runTimeText: String
    let commitText: String
    let branchText: String
    let problems: [String]
    let hasProblems: Bool
    let components: [CountsRow]
    let overall: CountsRow
    let levelsLegend: LevelsLegend
    let sections: [ComponentSection]
    let movers: [MoverRow]
    let hasMovers: Bool
    let hasPrevious: Bool
    let activeAlerts: [AlertsPage.Row]
    let hasActiveAlerts: Bool
    let recentRuns: [RunRow]
    let hasHistory: Bool
    let runCountText: String

    /// How many recent runs the overview lists; the history page lists all.
    static let recentRunCount = 10

    /// - Parameter contexts: the prepared components, whose trees name each file's page.
    init(input: SiteInput, contexts: [String: ComponentContext] = [:]) {
        let run = input.run
        let history = input.history
        title = "Coverage report"
        runTimeText = DisplayFormat.timestamp(run.time)
        commitText = run.source.commit.map(DisplayFormat.commit) ?? "unknown"
        branchText = run.source.branch ?? "unknown"
        let latest = history.last
        let comparisons = Self.comparisons(latest: latest, earlier: history.dropLast())
        hasPrevious = !comparisons.isEmpty
        let drawn = Set(input.drawnComponents.map(\.name))
        components = Self.componentRows(input: input, latest: latest, drawn: drawn)
        overall = Self.overallRow(input: input, rows: components, latest: latest)
        levelsLegend = LevelsLegend(
            run.components.map { ($0.name, input.levels(for: $0.name)) } + [("overall", input.defaults.levels)])
        sections = run.components.enumerated().map { index, component in
            Self.section(
                component, anchor: "component-\(index + 1)", input: input, hasPages: drawn.contains(component.name))
        }
        movers = Self.movers(comparisons, contexts: contexts)
        hasMovers = !movers.isEmpty
        problems = run.components.compactMap { component in
            if let reason = component.status.reason { return "\(component.name): measurement failed — \(reason)" }
            if let tests = component.tests, tests.collectionErrors > 0 {
                return
                    "\(component.name): \(tests.collectionErrors) test module(s) could not be collected "
                    + "— coverage is incomplete"
            }
            return nil
        }
        hasProblems = !problems.isEmpty
        activeAlerts = input.activeAlerts.map(AlertsPage.row)
        hasActiveAlerts = !activeAlerts.isEmpty
        recentRuns = history.suffix(Self.recentRunCount).reversed().map(Self.runRow)
        hasHistory = !history.isEmpty
        runCountText = DisplayFormat.count(history.count)
    }
}
