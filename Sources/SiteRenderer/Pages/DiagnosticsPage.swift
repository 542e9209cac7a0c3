import CoverageModel
import Formatting

/// How each report was read: producer, sources, the files that did not resolve under the source
/// root, and every warning — the page to open when paths look wrong.
struct DiagnosticsPage {
    struct Section {
        let name: String
        let producerText: String
        let reportTimeText: String
        let sources: [String]
        let hasSources: Bool
        let resolvedText: String
        let unresolved: [String]
        let hasUnresolved: Bool
        let warnings: [String]
        let hasWarnings: Bool
        let failureText: String
        let isFailed: Bool
    }

    let hasRunTime = true
    let title = "Path diagnostics"
    let root = ""
    let sections: [Section]
    let runTimeText: String

    init(run: Run, runTime: String) {
        runTimeText = runTime
        sections = run.components.map { component in
            let report = component.report
            let files = report?.files ?? []
            let unresolved = files.filter { $0.key == nil }.map(\.name).sorted()
            return Section(
                name: component.name,
                producerText: report.map {
                    [$0.producer.rawValue, $0.producerVersion].compactMap { $0 }.joined(separator: " ")
                }
                    ?? "—",
                reportTimeText: DisplayFormat.timestamp(report?.timestamp),
                sources: report?.sources ?? [], hasSources: !(report?.sources.isEmpty ?? true),
                resolvedText: report == nil
                    ? "No per-file data is kept for this run."
                    : "\(files.count - unresolved.count) of \(files.count) files resolved under the source root.",
                unresolved: unresolved, hasUnresolved: !unresolved.isEmpty,
                warnings: report?.warnings ?? [], hasWarnings: !(report?.warnings.isEmpty ?? true),
                failureText: component.status.reason ?? "", isFailed: component.status != .measured)
        }
    }
}
