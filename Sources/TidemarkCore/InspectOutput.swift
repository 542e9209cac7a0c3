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
        return results.contains(where: \.isFailure) ? .inputError : .success
    }

    // MARK: - JSON

    struct FileJSON: Encodable {
        let linesValid, linesCovered, branchesValid, branchesCovered: Int
    }

    struct CoberturaJSON: Encodable {
        let producer: String
        let timestamp: String?
        let files, linesValid, linesCovered, branchesValid, branchesCovered: Int
        let perFile: [String: FileJSON]
        let warnings: [String]
    }

    struct JUnitJSON: Encodable {
        let tests, passed, failures, errors, skipped, collectionErrors: Int
    }

    struct ErrorJSON: Encodable {
        let error: String
        let message: String
    }

    static func json(_ results: [InspectResult], keyedByPath: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = Data("{}".utf8)
        // Encoding plain values cannot fail.
        if keyedByPath {
            var byPath: [String: AnyEncodable] = [:]
            for result in results { byPath[path(of: result)] = AnyEncodable(encodable(result)) }
            data = (try? encoder.encode(byPath)) ?? data
        } else if let first = results.first {
            data = (try? encoder.encode(AnyEncodable(encodable(first)))) ?? data
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func path(of result: InspectResult) -> String {
        switch result {
        case .cobertura(let path, _), .junit(let path, _), .failure(let path, _): path
        }
    }

    private static func encodable(_ result: InspectResult) -> any Encodable {
        switch result {
        case .cobertura(_, let report):
            let totals = report.totals
            var perFile: [String: FileJSON] = [:]
            for file in report.files {
                let counts = file.counts
                perFile[file.name] = FileJSON(
                    linesValid: counts.linesValid, linesCovered: counts.linesCovered,
                    branchesValid: counts.branchesValid, branchesCovered: counts.branchesCovered)
            }
            return CoberturaJSON(
                producer: report.producer.rawValue, timestamp: report.timestamp.map(ISO8601.string(from:)),
                files: report.files.count, linesValid: totals.linesValid, linesCovered: totals.linesCovered,
                branchesValid: totals.branchesValid, branchesCovered: totals.branchesCovered,
                perFile: perFile, warnings: report.warnings)
        case .junit(_, let results):
            return JUnitJSON(
                tests: results.tests, passed: results.passed, failures: results.failures, errors: results.errors,
                skipped: results.skipped, collectionErrors: results.collectionErrors)
        case .failure(_, let error):
            return ErrorJSON(error: error.kind, message: error.description)
        }
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
        out += "  producer  \([report.producer.rawValue, report.producerVersion].compactMap { $0 }.joined(separator: " "))\n"
        out += "  time      \(report.timestamp.map(ISO8601.string(from:)) ?? "unknown")\n"
        out += "  sources   \(report.sources.isEmpty ? "(none)" : report.sources.joined(separator: ", "))\n"
        out += "  lines     \(totals.linesCovered) / \(totals.linesValid)  \(DisplayFormat.percent(totals.lineRate))\n"
        let branches = totals.measuresBranches ? "\(totals.branchesCovered) / \(totals.branchesValid)  " : ""
        out += "  branches  \(branches)\(DisplayFormat.percent(totals.branchRate))\n"
        out += "  files     \(report.files.count)\n"
        for warning in report.warnings { out += "  warning   \(warning)\n" }
        out += "\n"
        return out + fileTable(report.files)
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

/// Wraps any `Encodable` so results of different shapes can share one JSON object.
struct AnyEncodable: Encodable {
    private let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
