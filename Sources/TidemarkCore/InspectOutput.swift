import Concurrency
import CoverageModel
import Formatting
import Foundation
import Ingest

/// `inspect`: what Tidemark reads from Cobertura or JUnit files, as text or JSON.
public enum InspectOutput {
    /// Reads every file and prints what it holds.
    /// - Returns: `.inputError` when any file cannot be read (its error is printed too).
    public static func show(_ paths: [String], json: Bool, sourceRoot: String, console: Console) -> ExitStatus {
        let resolver = SourcePathResolver(sourceRoot: sourceRoot)
        let results = paths.map { InspectResult.read($0, resolver: resolver) }
        if json {
            console.write(self.json(results, keyedByPath: paths.count > 1))
        } else {
            text(results, console: console)
        }
        let status: ExitStatus = results.contains(where: \.isFailure) ? .inputError : .success
        // The reports: kept to the exit, or freed on another core (20 000 files' lines took
        // 6 ms on this one).
        Discard.atEnd(consume results)
        return status
    }

    // MARK: - JSON

    /// One object per file (keyed by path when there are several), keys in alphabetical order, written by
    /// `JSONText` like every other JSON Tidemark writes.
    static func json(_ results: [InspectResult], keyedByPath: Bool) -> String {
        guard keyedByPath else { return (results.first.map(object) ?? "{}") + "\n" }
        let byPath = Dictionary(results.map { (path(of: $0), object($0)) }, uniquingKeysWith: { first, _ in first })
        return JSONText.object(byPath.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) + "\n"
    }

    private static func path(of result: InspectResult) -> String {
        switch result {
        case .cobertura(let path, _), .junit(let path, _), .failure(let path, _): path
        }
    }

    private static func object(_ result: InspectResult) -> String {
        switch result {
        case .cobertura(_, let report):
            let perFile = report.files.map { ($0.name, counts($0.counts)) }.sorted { $0.0 < $1.0 }
            let totals = report.totals
            return JSONText.object([
                ("branchesCovered", "\(totals.branchesCovered)"), ("branchesValid", "\(totals.branchesValid)"),
                ("files", "\(report.files.count)"), ("linesCovered", "\(totals.linesCovered)"),
                ("linesValid", "\(totals.linesValid)"), ("perFile", JSONText.object(perFile)),
                ("producer", JSONText.string(report.producer.rawValue)),
                ("timestamp", JSONText.string(report.timestamp.map(ISO8601.string(from:)))),
                ("warnings", "[" + report.warnings.map { JSONText.string($0) }.joined(separator: ", ") + "]"),
            ])
        case .junit(_, let results):
            return JSONText.object([
                ("collectionErrors", "\(results.collectionErrors)"), ("errors", "\(results.errors)"),
                ("failures", "\(results.failures)"), ("passed", "\(results.passed)"),
                ("skipped", "\(results.skipped)"), ("tests", "\(results.tests)"),
            ])
        case .failure(_, let error):
            return JSONText.object([
                ("error", JSONText.string(error.kind)), ("message", JSONText.string(error.description)),
            ])
        }
    }

    private static func counts(_ counts: Counts) -> String {
        JSONText.object([
            ("branchesCovered", "\(counts.branchesCovered)"), ("branchesValid", "\(counts.branchesValid)"),
            ("linesCovered", "\(counts.linesCovered)"), ("linesValid", "\(counts.linesValid)"),
        ])
    }

    // MARK: - Text

    static func text(_ results: [InspectResult], console: Console) {
        for (index, result) in results.enumerated() {
            if index > 0 { console.info("") }
            switch result {
            case .cobertura(let path, let report): console.write(text(report, path: path))
            case .junit(let path, let results): console.write(text(results, path: path))
            case .failure(_, let error): console.error(error.description)
            }
        }
    }

    private static func text(_ report: CoverageReport, path: String) -> String {
        let totals = report.totals
        var out = "\(path): Cobertura coverage\n"
        out +=
            "  producer  "
            + "\([report.producer.rawValue, report.producerVersion].compactMap { $0 }.joined(separator: " "))\n"
        out += "  time      \(report.timestamp.map(ISO8601.string(from:)) ?? "unknown")\n"
        out += "  sources   \(report.sources.isEmpty ? "(none)" : report.sources.joined(separator: ", "))\n"
        out += "  lines     \(totals.linesCovered) / \(totals.linesValid)  \(DisplayFormat.percent(totals.lineRate))\n"
        let branches = totals.measuresBranches ? "\(totals.branchesCovered) / \(totals.branchesValid)  " : ""
        out += "  branches  \(branches)\(DisplayFormat.percent(totals.branchRate))\n"
        out += "  files     \(report.files.count)\n"
        for warning in report.warnings { out += "  warning   \(warning)\n" }
        out += "\n"
        return fileTable(report.files, after: out)
    }

    private static func text(_ results: TestResults, path: String) -> String {
        var out = "\(path): JUnit test results\n"
        out += "  tests              \(results.tests)\n"
        out += "  passed             \(results.passed)\n"
        out += "  failures           \(results.failures)\n"
        out += "  errors             \(results.errors)\n"
        out += "  skipped            \(results.skipped)\n"
        out += "  collection errors  \(results.collectionErrors)\n"
        for module in results.collectionErrorModules { out += "    could not collect \(module)\n" }
        return out
    }
}
