import CoverageModel
import Foundation

/// Everything `index.mustache` shows, already formatted. Built from a `Run`; no logic in templates.
struct OverviewPage {
    struct CountsRow {
        let name: String
        let producer: String
        let linesText: String
        let lineRateText: String
        let lineRateValue: String
        let lineLevel: String
        let branchesText: String
        let branchRateText: String
        let branchLevel: String
        let filesText: String
        let testsText: String
        let hasTestProblems: Bool
        /// Set when the measurement failed: the row shows this instead of counts.
        let failureText: String?
        /// Stored, not computed: Mustache sees stored properties only.
        let isFailed: Bool
    }

    struct FileRow {
        let path: String
        let linesText: String
        let missedText: String
        let lineRateText: String
        let lineRateValue: String
        let lineLevel: String
        let branchesText: String
        let branchRateText: String
    }

    struct ComponentSection {
        let name: String
        let anchor: String
        let producer: String
        let reportTimeText: String
        let sourcesText: String
        let warnings: [String]
        let hasWarnings: Bool
        let collectionErrorModules: [String]
        let hasCollectionErrors: Bool
        let files: [FileRow]
        let failureText: String?
        let isFailed: Bool
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

    let title: String
    let runTimeText: String
    let commitText: String
    let branchText: String
    let recentRuns: [RunRow]
    let hasHistory: Bool
    let runCountText: String
    let components: [CountsRow]
    let overall: CountsRow
    let sections: [ComponentSection]
}

extension OverviewPage {
    /// How many recent runs the overview lists.
    static let recentRunCount = 20

    init(run: Run, history: [RunSummary]) {
        title = "Coverage report"
        runTimeText = DisplayFormat.timestamp(run.time)
        commitText = run.source.commit.map { String($0.prefix(12)) } ?? "unknown"
        branchText = run.source.branch ?? "unknown"
        recentRuns = history.suffix(Self.recentRunCount).reversed().map(Self.runRow)
        hasHistory = !history.isEmpty
        runCountText = DisplayFormat.count(history.count)
        // A run imported from an export, or older than the kept per-line data, has counts but no
        // report: its rows come from the stored summary.
        let stored = Dictionary(
            (history.last?.components ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        components = run.components.map { component in
            let summary = stored[component.name]
            return Self.countsRow(
                name: component.name,
                producer: (component.report?.producer ?? summary?.producer)?.rawValue ?? "—",
                counts: component.report?.totals ?? summary?.counts ?? .zero,
                files: component.report?.files.count ?? summary?.files.count ?? 0,
                tests: component.tests, failure: component.status.reason)
        }
        overall = Self.countsRow(
            name: "Overall", producer: "", counts: components.isEmpty ? .zero : run.components.map { component in
                component.report?.totals ?? (component.status == .measured ? stored[component.name]?.counts : nil) ?? .zero
            }.total(),
            files: run.components.reduce(0) { $0 + ($1.report?.files.count ?? 0) }, tests: run.tests, failure: nil)
        sections = run.components.enumerated().map { index, component in
            Self.section(component, anchor: "component-\(index + 1)")
        }
    }

    private static func runRow(_ run: RunSummary) -> RunRow {
        let totals = run.totals
        return RunRow(
            timeText: DisplayFormat.timestamp(run.time),
            commitText: run.source.commit.map { String($0.prefix(12)) } ?? "—",
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

    private static func countsRow(
        name: String, producer: String, counts: Counts, files: Int, tests: TestResults?, failure: String?
    ) -> CountsRow {
        CountsRow(
            name: name, producer: producer,
            linesText: "\(counts.linesCovered) / \(counts.linesValid)",
            lineRateText: DisplayFormat.percent(counts.lineRate),
            lineRateValue: DisplayFormat.meterValue(counts.lineRate),
            lineLevel: DisplayFormat.levelClass(counts.lineRate),
            branchesText: counts.measuresBranches ? "\(counts.branchesCovered) / \(counts.branchesValid)" : "n/a",
            branchRateText: DisplayFormat.percent(counts.branchRate),
            branchLevel: DisplayFormat.levelClass(counts.branchRate),
            filesText: DisplayFormat.count(files),
            testsText: tests.map(DisplayFormat.tests) ?? "—",
            hasTestProblems: tests?.isBroken ?? false,
            failureText: failure.map { _ in "measurement failed" }, isFailed: failure != nil)
    }

    private static func section(_ component: ComponentRun, anchor: String) -> ComponentSection {
        let report = component.report
        let files = (report?.files ?? []).sorted { $0.displayPath < $1.displayPath }.map { file in
            let counts = file.counts
            return FileRow(
                path: file.displayPath,
                linesText: "\(counts.linesCovered) / \(counts.linesValid)",
                missedText: DisplayFormat.count(counts.linesMissed),
                lineRateText: DisplayFormat.percent(counts.lineRate),
                lineRateValue: DisplayFormat.meterValue(counts.lineRate),
                lineLevel: DisplayFormat.levelClass(counts.lineRate),
                branchesText: counts.measuresBranches ? "\(counts.branchesCovered) / \(counts.branchesValid)" : "n/a",
                branchRateText: DisplayFormat.percent(counts.branchRate))
        }
        let modules = component.tests?.collectionErrorModules ?? []
        return ComponentSection(
            name: component.name, anchor: anchor,
            producer: report.map { [$0.producer.rawValue, $0.producerVersion].compactMap { $0 }.joined(separator: " ") }
                ?? "—",
            reportTimeText: DisplayFormat.timestamp(report?.timestamp),
            sourcesText: report.map { $0.sources.isEmpty ? "(none)" : $0.sources.joined(separator: ", ") } ?? "—",
            warnings: report?.warnings ?? [], hasWarnings: !(report?.warnings.isEmpty ?? true),
            collectionErrorModules: modules, hasCollectionErrors: !modules.isEmpty,
            files: files, failureText: component.status.reason, isFailed: component.status.reason != nil)
    }
}
