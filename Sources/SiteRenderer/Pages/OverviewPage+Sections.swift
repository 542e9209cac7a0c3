import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation

// MARK: - Component sections and their charts

extension OverviewPage {
    static func section(_ component: ComponentRun, anchor: String, input: SiteInput, hasPages: Bool) -> ComponentSection
    {
        let report = component.report ?? input.stale[component.name]?.component.report
        let chart = TrendChart(
            title: "\(component.name) coverage", points: trendPoints(of: component.name, in: input.history),
            thresholds: chartThresholds(input.thresholds(for: component.name)))
        let modules = component.tests?.collectionErrorModules ?? []
        let staleText = hasPages && component.report == nil ? input.stale[component.name]?.bannerText ?? "" : ""
        return ComponentSection(
            name: component.name, anchor: anchor, link: SiteLayout.componentIndex(component.name),
            worstLink: SiteLayout.componentIndex(component.name, worstFirst: true), hasPages: hasPages,
            producer: report.map {
                [$0.producer.rawValue, $0.producerVersion].compactMap { $0 }.joined(separator: " ")
            } ?? "—",
            reportTimeText: DisplayFormat.timestamp(report?.timestamp),
            chart: chart.svg(.wide), compactChart: chart.svg(.compact),
            legend: chart.legend.map { LegendEntry(swatch: $0.swatch, text: $0.text, hasSwatch: !$0.swatch.isEmpty) },
            collectionErrorModules: modules, hasCollectionErrors: !modules.isEmpty,
            failureText: component.status.reason ?? "", isFailed: component.status != .measured,
            staleText: staleText, isStale: !staleText.isEmpty)
    }

    /// The component's runs as chart points, each with a tooltip: time, commit and rates, or why
    /// its measurement failed.
    static func trendPoints(of component: String, in history: [RunSummary]) -> [TrendPoint] {
        ComponentSeries.of(component, in: history).entries.map { entry -> TrendPoint in
            let kind: TrendPoint.Kind = entry.counts == nil ? .failed : (entry.isUntrusted ? .untrusted : .measured)
            var tooltip = DisplayFormat.timestamp(entry.time)
            if let commit = entry.commit { tooltip += " · " + DisplayFormat.commit(commit) }
            if let counts = entry.counts {
                tooltip += " · lines " + DisplayFormat.percent(counts.lineRate)
                if counts.measuresBranches { tooltip += " · branches " + DisplayFormat.percent(counts.branchRate) }
            } else {
                tooltip += " · measurement failed: " + (entry.failureReason ?? "unknown reason")
            }
            if entry.isUntrusted { tooltip += " · tests failed or errored" }
            return TrendPoint(
                time: entry.time, lineRate: entry.counts?.lineRate, branchRate: entry.counts?.branchRate, kind: kind,
                tooltip: tooltip)
        }
    }

    /// The configured targets and warning levels of lines and branches; defaults are not drawn.
    static func chartThresholds(_ thresholds: Thresholds) -> [ChartThreshold] {
        let levels: [(Metric, ChartThreshold.Level, Double?)] = [
            (.line, .target, thresholds.lineTarget), (.line, .warning, thresholds.lineWarning),
            (.branch, .target, thresholds.branchTarget), (.branch, .warning, thresholds.branchWarning),
        ]
        return levels.compactMap { metric, level, rate in
            rate.map { ChartThreshold(metric: metric, level: level, rate: $0) }
        }
    }
}
