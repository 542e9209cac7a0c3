import CoverageModel
import Foundation

/// `history export` / `history import`: one run per line of JSON (JSON Lines), with stable fields:
///
///     {"id", "time" (UTC ISO 8601), "commit", "branch", "buildURL",
///      "components": [{"name", "producer", "status" ("measured"|"failed"), "reason",
///                      "linesValid", "linesCovered", "branchesValid", "branchesCovered",
///                      "tests": {"tests", "passed", "failures", "errors", "skipped", "collectionErrors"} | null,
///                      "contentHash", "files": [{"path", "linesValid", "linesCovered", "branchesValid",
///                                               "branchesCovered"}]}]}
///
/// Unknown values are `null`; keys are sorted; runs come oldest first. Per-line data is not exported.
public enum HistoryExchange {
    /// Reads an export, checking every run against `ImportRules` before any is returned; `path`
    /// names the file in errors.
    /// - Throws: `HistoryError.invalidImport` with the line of the first run that is not valid.
    public static func parse(_ text: String, path: String) throws(HistoryError) -> [RunSummary] {
        let decoder = JSONDecoder()
        var runs: [RunSummary] = []
        var ids: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                let exported = try decoder.decode(ExportedRun.self, from: Data(trimmed.utf8))
                let run = try exported.summary()
                try ImportRules.check(run)
                guard ids.insert(run.id).inserted else {
                    throw HistoryExchangeError(message: "run '\(run.id)' appears twice in the file")
                }
                runs.append(run)
            } catch let error as HistoryExchangeError {
                throw .invalidImport(path: path, line: index + 1, message: error.message)
            } catch {
                throw .invalidImport(
                    path: path, line: index + 1, message: "not a run as 'history export' writes it (\(error))")
            }
        }
        return runs
    }
}

struct HistoryExchangeError: Error {
    let message: String
}

// MARK: - Exported shapes

private struct ExportedRun: Decodable {
    let id: String
    let time: String
    let commit: String?
    let branch: String?
    let buildURL: String?
    let components: [ExportedComponent]

    func summary() throws -> RunSummary {
        guard let date = ISO8601.date(from: time) else {
            throw HistoryExchangeError(message: "time '\(time)' is not ISO 8601")
        }
        return RunSummary(
            id: id, time: date, source: RunSource(commit: commit, branch: branch, buildURL: buildURL),
            components: try components.map { try $0.summary() })
    }
}

private struct ExportedComponent: Decodable {
    let name: String
    let producer: String?
    let status: String
    let reason: String?
    let linesValid, linesCovered, branchesValid, branchesCovered: Int
    let tests: ExportedTests?
    let contentHash: String
    let files: [ExportedFile]

    func summary() throws -> ComponentSummary {
        let parsedStatus: ComponentStatus
        switch status {
        case "measured": parsedStatus = .measured
        case "failed": parsedStatus = .failed(reason: reason ?? "")
        default: throw HistoryExchangeError(message: "component '\(name)': unknown status '\(status)'")
        }
        if let producer, Producer(rawValue: producer) == nil {
            throw HistoryExchangeError(message: "component '\(name)': unknown producer '\(producer)'")
        }
        return ComponentSummary(
            name: name, producer: producer.flatMap(Producer.init(rawValue:)), status: parsedStatus,
            counts: Counts(
                linesValid: linesValid, linesCovered: linesCovered, branchesValid: branchesValid,
                branchesCovered: branchesCovered),
            tests: tests.map {
                TestResults(
                    tests: $0.tests, passed: $0.passed, failures: $0.failures, errors: $0.errors, skipped: $0.skipped,
                    collectionErrors: $0.collectionErrors)
            },
            contentHash: contentHash,
            files: files.map {
                FileSummary(
                    path: $0.path,
                    counts: Counts(
                        linesValid: $0.linesValid, linesCovered: $0.linesCovered, branchesValid: $0.branchesValid,
                        branchesCovered: $0.branchesCovered))
            })
    }
}

private struct ExportedTests: Decodable {
    let tests, passed, failures, errors, skipped, collectionErrors: Int
}

private struct ExportedFile: Decodable {
    let path: String
    let linesValid, linesCovered, branchesValid, branchesCovered: Int
}
