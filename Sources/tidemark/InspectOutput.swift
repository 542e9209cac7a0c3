import CoverageModel
import Foundation

/// The text and JSON forms of `tidemark inspect`.
enum InspectOutput {
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

    static func printJSON(_ results: [InspectResult], keyedByPath: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        if keyedByPath {
            var byPath: [String: AnyEncodable] = [:]
            for result in results { byPath[path(of: result)] = AnyEncodable(encodable(result)) }
            data = try encoder.encode(byPath)
        } else if let first = results.first {
            data = try encoder.encode(AnyEncodable(encodable(first)))
        } else {
            data = Data("{}".utf8)
        }
        print(String(decoding: data, as: UTF8.self))
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

    static func printText(_ results: [InspectResult]) {
        for (index, result) in results.enumerated() {
            if index > 0 { print("") }
            switch result {
            case .cobertura(let path, let report): printReport(report, path: path)
            case .junit(let path, let results): printTests(results, path: path)
            case .failure(_, let error): Console.error(error.description)
            }
        }
    }

    private static func printReport(_ report: CoverageReport, path: String) {
        let totals = report.totals
        print("\(path): Cobertura coverage")
        print("  producer  \([report.producer.rawValue, report.producerVersion].compactMap { $0 }.joined(separator: " "))")
        print("  time      \(report.timestamp.map(ISO8601.string(from:)) ?? "unknown")")
        print("  sources   \(report.sources.isEmpty ? "(none)" : report.sources.joined(separator: ", "))")
        print("  lines     \(totals.linesCovered) / \(totals.linesValid)  \(Summary.percent(totals.lineRate))")
        let branches = totals.measuresBranches ? "\(totals.branchesCovered) / \(totals.branchesValid)  " : ""
        print("  branches  \(branches)\(Summary.percent(totals.branchRate))")
        print("  files     \(report.files.count)")
        for warning in report.warnings { print("  warning   \(warning)") }
        print("")
        let rows = report.files.sorted { $0.displayPath < $1.displayPath }.map { file -> [String] in
            let counts = file.counts
            return [
                file.displayPath, "\(counts.linesCovered)/\(counts.linesValid)", String(counts.linesMissed),
                Summary.percent(counts.lineRate),
                counts.measuresBranches ? "\(counts.branchesCovered)/\(counts.branchesValid)" : "-",
                Summary.percent(counts.branchRate),
            ]
        }
        printTable(header: ["file", "lines", "missed", "line %", "branches", "branch %"], rows: rows)
    }

    private static func printTests(_ results: TestResults, path: String) {
        print("\(path): JUnit test results")
        print("  tests              \(results.tests)")
        print("  passed             \(results.passed)")
        print("  failures           \(results.failures)")
        print("  errors             \(results.errors)")
        print("  skipped            \(results.skipped)")
        print("  collection errors  \(results.collectionErrors)")
        for module in results.collectionErrorModules { print("    could not collect \(module)") }
    }

    private static func printTable(header: [String], rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var output = ""
        for row in all {
            output += "  " + row[0] + String(repeating: " ", count: widths[0] - row[0].count)
            for column in 1..<row.count {
                output += "  " + String(repeating: " ", count: widths[column] - row[column].count) + row[column]
            }
            output += "\n"
        }
        print(output, terminator: "")
    }
}

/// Wraps any `Encodable` so results of different shapes can share one JSON object.
struct AnyEncodable: Encodable {
    private let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
