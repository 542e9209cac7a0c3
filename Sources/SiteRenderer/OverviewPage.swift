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
    }

    let title: String
    let runTimeText: String
    let components: [CountsRow]
    let overall: CountsRow
    let sections: [ComponentSection]
}

extension OverviewPage {
    init(run: Run) {
        title = "Coverage report"
        runTimeText = DisplayFormat.timestamp(run.time)
        components = run.components.map { component in
            Self.countsRow(
                name: component.name, producer: component.report?.producer.rawValue ?? "—",
                counts: component.report?.totals ?? .zero, files: component.report?.files.count ?? 0,
                tests: component.tests)
        }
        overall = Self.countsRow(
            name: "Overall", producer: "", counts: run.totals,
            files: run.components.reduce(0) { $0 + ($1.report?.files.count ?? 0) }, tests: run.tests)
        sections = run.components.enumerated().map { index, component in
            Self.section(component, anchor: "component-\(index + 1)")
        }
    }

    private static func countsRow(name: String, producer: String, counts: Counts, files: Int, tests: TestResults?)
        -> CountsRow
    {
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
            hasTestProblems: tests?.isBroken ?? false)
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
            files: files)
    }
}
