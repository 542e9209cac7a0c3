import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation

// MARK: - Tables

extension OverviewPage {
    /// One row per component of the latest run, coloured by its levels, with the change since the
    /// previous run that measured it.
    static func componentRows(
        input: SiteInput, latest: RunSummary?, drawn: Set<String>
    ) -> [CountsRow] {
        // A run imported from an export, or older than the kept per-line data, has counts but no
        // report: its rows come from the stored summary.
        let stored = Dictionary(
            (latest?.components ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return input.run.components.map { component in
            let summary = stored[component.name]
            let counts = component.report?.totals ?? summary?.counts ?? .zero
            let delta = summary.map { RunDelta.sinceLastMeasured($0, in: input.history.dropLast()) }
            return countsRow(
                name: component.name,
                link: drawn.contains(component.name) ? SiteLayout.componentIndex(component.name) : "",
                producer: (component.report?.producer ?? summary?.producer)?.rawValue ?? "—", counts: counts,
                delta: delta,
                files: component.report?.files.count ?? summary?.files.count ?? 0, tests: component.tests,
                failure: component.status.reason, levels: input.levels(for: component.name))
        }
    }

    /// The sum of the measured components, coloured by the default levels.
    static func overallRow(input: SiteInput, rows: [CountsRow], latest: RunSummary?) -> CountsRow {
        let stored = Dictionary(
            (latest?.components ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let counts = input.run.components.map { component -> Counts in
            guard component.status == .measured else { return .zero }
            return component.report?.totals ?? stored[component.name]?.counts ?? .zero
        }.total()
        // Against the newest earlier run that measured every component measured now, as each
        // component's own change passes over a run that failed it.
        let measured = latest?.components.filter { $0.status == .measured }.map(\.name) ?? []
        let before = input.history.dropLast().last { run in
            measured.allSatisfy { run.component(named: $0)?.status == .measured }
        }
        return countsRow(
            name: "Overall", link: "", producer: "", counts: counts,
            delta: latest.map { latest in RunDelta.between(before.map(overallSummary), overallSummary(latest)) },
            files: rows.reduce(0) { $0 + (Int($1.filesText) ?? 0) }, tests: input.run.tests, failure: nil,
            levels: input.defaults.levels)
    }

    private static func overallSummary(_ run: RunSummary) -> ComponentSummary {
        ComponentSummary(
            name: "overall", producer: nil, status: .measured, counts: run.totals, tests: nil, contentHash: "")
    }

    private static func countsRow(
        name: String, link: String, producer: String, counts: Counts, delta: RunDelta?, files: Int,
        tests: TestResults?, failure: String?, levels: CoverageLevels
    ) -> CountsRow {
        CountsRow(
            name: name, link: link, hasLink: !link.isEmpty, producer: producer,
            counts: CountsText(counts, levels: levels),
            lineDeltaText: DisplayFormat.delta(delta?.linePoints),
            lineDeltaClass: DisplayFormat.deltaClass(delta?.linePoints),
            branchDeltaText: DisplayFormat.delta(delta?.branchPoints),
            branchDeltaClass: DisplayFormat.deltaClass(delta?.branchPoints),
            filesText: DisplayFormat.count(files), testsText: tests.map(DisplayFormat.tests) ?? "—",
            hasTestProblems: tests?.isBroken ?? false,
            failureText: failure.map { _ in "measurement failed" } ?? "", isFailed: failure != nil)
    }

    /// The components of the latest run with an earlier measured run to compare files with, and
    /// that run's component: the previous run that measured it, as the change columns compare.
    static func comparisons(latest: RunSummary?, earlier: ArraySlice<RunSummary>) -> [(
        ComponentSummary, ComponentSummary
    )] {
        guard let latest else { return [] }
        return latest.components.compactMap { component in
            guard component.status == .measured, !component.files.isEmpty,
                let before = RunDelta.lastMeasured(component.name, in: earlier), !before.files.isEmpty
            else { return nil }
            return (before, component)
        }
    }

    /// The files whose covered and uncovered line counts changed most since the previous run that
    /// measured their component.
    static func movers(
        _ comparisons: [(ComponentSummary, ComponentSummary)], contexts: [String: ComponentContext]
    ) -> [MoverRow] {
        comparisons.flatMap { before, component -> [MoverRow] in
            let earlier = Dictionary(before.files.map { ($0.path, $0.counts) }, uniquingKeysWith: { first, _ in first })
            return FileMovers.between(before.files, component.files, limit: 10).map { move in
                let points = move.after.flatMap { after in
                    earlier[move.path].flatMap { before in
                        before.lineRate.flatMap { was in after.lineRate.map { ($0 - was) * 100 } }
                    }
                }
                let link =
                    move.after == nil
                    ? ""
                    : contexts[component.name]?.filePage(of: move.path)
                        ?? SiteLayout.filePage(component.name, path: move.path)
                return MoverRow(
                    component: component.name, path: move.path, link: link, hasLink: move.after != nil,
                    coveredText: DisplayFormat.signed(move.coveredChange),
                    missedText: DisplayFormat.signed(move.missedChange),
                    changeText: DisplayFormat.delta(points), changeClass: DisplayFormat.deltaClass(points),
                    nowText: move.after.map { DisplayFormat.percent($0.lineRate) } ?? "removed")
            }
        }
    }

    static func runRow(_ run: RunSummary) -> RunRow {
        let totals = run.totals
        return RunRow(
            timeText: DisplayFormat.timestamp(run.time), isBackfill: run.isBackfill,
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
