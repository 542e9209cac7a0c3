import Formatting
import CoverageAnalysis
import CoverageModel
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
        let branchDeltaText: String
        let filesText: String
        let testsText: String
        let hasTestProblems: Bool
        /// Set when the measurement failed: the row shows this instead of counts.
        let failureText: String
        /// Stored, not computed: Mustache sees stored properties only.
        let isFailed: Bool
    }

    struct ComponentSection {
        let name: String
        let anchor: String
        let link: String
        let worstLink: String
        let hasPages: Bool
        let producer: String
        let reportTimeText: String
        let chart: String
        let collectionErrorModules: [String]
        let hasCollectionErrors: Bool
        let failureText: String
        let isFailed: Bool
    }

    struct MoverRow {
        let component: String
        let path: String
        let link: String
        let hasLink: Bool
        let coveredText: String
        let missedText: String
        let nowText: String
    }

    struct RunRow {
        let timeText: String
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
        let previous = history.count >= 2 ? history[history.count - 2] : nil
        hasPrevious = previous != nil
        // A run imported from an export, or older than the kept per-line data, has counts but no
        // report: its rows come from the stored summary.
        let stored = Dictionary((latest?.components ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        components = run.components.map { component in
            let summary = stored[component.name]
            let counts = component.report?.totals ?? summary?.counts ?? .zero
            let delta = summary.map { RunDelta.between(previous?.component(named: component.name), $0) }
            return Self.countsRow(
                name: component.name, link: component.report == nil ? "" : SiteLayout.componentIndex(component.name),
                producer: (component.report?.producer ?? summary?.producer)?.rawValue ?? "—", counts: counts, delta: delta,
                files: component.report?.files.count ?? summary?.files.count ?? 0, tests: component.tests,
                failure: component.status.reason)
        }
        let overallCounts = run.components.map { component -> Counts in
            guard component.status == .measured else { return .zero }
            return component.report?.totals ?? stored[component.name]?.counts ?? .zero
        }.total()
        overall = Self.countsRow(
            name: "Overall", link: "", producer: "", counts: overallCounts,
            delta: latest.map { latest in
                RunDelta.between(previous.map(Self.overallSummary), Self.overallSummary(latest))
            },
            files: components.reduce(0) { $0 + (Int($1.filesText) ?? 0) }, tests: run.tests, failure: nil)
        sections = run.components.enumerated().map { index, component in
            Self.section(component, anchor: "component-\(index + 1)", history: history)
        }
        movers = Self.movers(latest: latest, previous: previous, contexts: contexts)
        hasMovers = !movers.isEmpty
        problems = run.components.compactMap { component in
            if let reason = component.status.reason { return "\(component.name): measurement failed — \(reason)" }
            if let tests = component.tests, tests.collectionErrors > 0 {
                return "\(component.name): \(tests.collectionErrors) test module(s) could not be collected — coverage is incomplete"
            }
            return nil
        }
        hasProblems = !problems.isEmpty
        activeAlerts = input.activeAlerts.filter { $0.severity != .info || $0.kind == "approaching" || $0.kind == "target-reached" }
            .map(AlertsPage.row)
        hasActiveAlerts = !activeAlerts.isEmpty
        recentRuns = history.suffix(Self.recentRunCount).reversed().map(Self.runRow)
        hasHistory = !history.isEmpty
        runCountText = DisplayFormat.count(history.count)
    }

    // MARK: - Pieces

    private static func overallSummary(_ run: RunSummary) -> ComponentSummary {
        ComponentSummary(name: "overall", producer: nil, status: .measured, counts: run.totals, tests: nil, contentHash: "")
    }

    private static func countsRow(
        name: String, link: String, producer: String, counts: Counts, delta: RunDelta?, files: Int,
        tests: TestResults?, failure: String?
    ) -> CountsRow {
        CountsRow(
            name: name, link: link, hasLink: !link.isEmpty, producer: producer, counts: CountsText(counts),
            lineDeltaText: DisplayFormat.delta(delta?.linePoints), branchDeltaText: DisplayFormat.delta(delta?.branchPoints),
            filesText: DisplayFormat.count(files), testsText: tests.map(DisplayFormat.tests) ?? "—",
            hasTestProblems: tests?.isBroken ?? false,
            failureText: failure.map { _ in "measurement failed" } ?? "", isFailed: failure != nil)
    }

    private static func section(_ component: ComponentRun, anchor: String, history: [RunSummary]) -> ComponentSection {
        let report = component.report
        let series = ComponentSeries.of(component.name, in: history)
        let points = series.entries.map { entry -> TrendPoint in
            let kind: TrendPoint.Kind = entry.counts == nil ? .failed : (entry.isUntrusted ? .untrusted : .measured)
            var tooltip = DisplayFormat.timestamp(entry.time)
            if let commit = entry.commit { tooltip += " · " + DisplayFormat.commit(commit) }
            if let counts = entry.counts {
                tooltip += " · lines " + DisplayFormat.percent(counts.lineRate)
                if counts.measuresBranches { tooltip += " · branches " + DisplayFormat.percent(counts.branchRate) }
            } else {
                tooltip += " · measurement failed"
            }
            if entry.isUntrusted { tooltip += " · tests broken" }
            return TrendPoint(time: entry.time, lineRate: entry.counts?.lineRate, branchRate: entry.counts?.branchRate, kind: kind, tooltip: tooltip)
        }
        let modules = component.tests?.collectionErrorModules ?? []
        return ComponentSection(
            name: component.name, anchor: anchor, link: SiteLayout.componentIndex(component.name),
            worstLink: SiteLayout.componentIndex(component.name, worstFirst: true), hasPages: report != nil,
            producer: report.map { [$0.producer.rawValue, $0.producerVersion].compactMap { $0 }.joined(separator: " ") } ?? "—",
            reportTimeText: DisplayFormat.timestamp(report?.timestamp),
            chart: TrendChart(title: "\(component.name) coverage", points: points).svg(),
            collectionErrorModules: modules, hasCollectionErrors: !modules.isEmpty,
            failureText: component.status.reason ?? "", isFailed: component.status != .measured)
    }

    private static func movers(latest: RunSummary?, previous: RunSummary?, contexts: [String: ComponentContext]) -> [MoverRow] {
        guard let latest, let previous else { return [] }
        return latest.components.flatMap { component -> [MoverRow] in
            guard let before = previous.component(named: component.name), !component.files.isEmpty, !before.files.isEmpty
            else { return [] }
            return FileMovers.between(before.files, component.files, limit: 10).map { move in
                MoverRow(
                    component: component.name, path: move.path,
                    link: move.after == nil ? "" : contexts[component.name]?.filePage(of: move.path)
                        ?? SiteLayout.filePage(component.name, path: move.path), hasLink: move.after != nil,
                    coveredText: DisplayFormat.signed(move.coveredChange), missedText: DisplayFormat.signed(move.missedChange),
                    nowText: move.after.map { DisplayFormat.percent($0.lineRate) } ?? "removed")
            }
        }
    }

    private static func runRow(_ run: RunSummary) -> RunRow {
        let totals = run.totals
        return RunRow(
            timeText: DisplayFormat.timestamp(run.time),
            commitText: run.source.commit.map(DisplayFormat.commit) ?? "—",
            branchText: run.source.branch ?? "—",
            lineRateText: DisplayFormat.percent(totals.lineRate),
            branchRateText: DisplayFormat.percent(totals.branchRate),
            componentsText: run.components.map { component in
                component.status == .measured
                    ? "\(component.name) \(DisplayFormat.percent(component.counts.lineRate))"
                    : "\(component.name) failed"
            }.joined(separator: ", "),
            hasFailure: run.components.contains { $0.status != .measured })
    }
}
