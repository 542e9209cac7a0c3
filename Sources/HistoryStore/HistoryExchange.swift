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
    /// The export text: one line per run, each ending in `\n`.
    public static func export(_ runs: [RunSummary]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return runs.map { run in
            // Encoding plain values cannot fail.
            let data = (try? encoder.encode(ExportedRun(run))) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }.joined()
    }

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
                throw .invalidImport(path: path, line: index + 1, message: "not a run as 'history export' writes it (\(error))")
            }
        }
        return runs
    }
}

struct HistoryExchangeError: Error {
    let message: String
}

// MARK: - Exported shapes

private struct ExportedRun: Codable {
    let id: String
    let time: String
    let commit: String?
    let branch: String?
    let buildURL: String?
    let components: [ExportedComponent]

    init(_ run: RunSummary) {
        id = run.id
        time = ISO8601.string(from: run.time)
        commit = run.source.commit
        branch = run.source.branch
        buildURL = run.source.buildURL
        components = run.components.map(ExportedComponent.init)
    }

    func summary() throws -> RunSummary {
        guard let date = ISO8601.date(from: time) else { throw HistoryExchangeError(message: "time '\(time)' is not ISO 8601") }
        return RunSummary(
            id: id, time: date, source: RunSource(commit: commit, branch: branch, buildURL: buildURL),
            components: try components.map { try $0.summary() })
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(time, forKey: .time)
        try container.encode(commit, forKey: .commit)
        try container.encode(branch, forKey: .branch)
        try container.encode(buildURL, forKey: .buildURL)
        try container.encode(components, forKey: .components)
    }
}

private struct ExportedComponent: Codable {
    let name: String
    let producer: String?
    let status: String
    let reason: String?
    let linesValid, linesCovered, branchesValid, branchesCovered: Int
    let tests: ExportedTests?
    let contentHash: String
    let files: [ExportedFile]

    init(_ component: ComponentSummary) {
        name = component.name
        producer = component.producer?.rawValue
        status = component.status.name
        reason = component.status.reason
        linesValid = component.counts.linesValid
        linesCovered = component.counts.linesCovered
        branchesValid = component.counts.branchesValid
        branchesCovered = component.counts.branchesCovered
        tests = component.tests.map(ExportedTests.init)
        contentHash = component.contentHash
        files = component.files.map(ExportedFile.init)
    }

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

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(producer, forKey: .producer)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(linesValid, forKey: .linesValid)
        try container.encode(linesCovered, forKey: .linesCovered)
        try container.encode(branchesValid, forKey: .branchesValid)
        try container.encode(branchesCovered, forKey: .branchesCovered)
        try container.encode(tests, forKey: .tests)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(files, forKey: .files)
    }
}

private struct ExportedTests: Codable {
    let tests, passed, failures, errors, skipped, collectionErrors: Int

    init(_ results: TestResults) {
        tests = results.tests
        passed = results.passed
        failures = results.failures
        errors = results.errors
        skipped = results.skipped
        collectionErrors = results.collectionErrors
    }
}

private struct ExportedFile: Codable {
    let path: String
    let linesValid, linesCovered, branchesValid, branchesCovered: Int

    init(_ file: FileSummary) {
        path = file.path
        linesValid = file.counts.linesValid
        linesCovered = file.counts.linesCovered
        branchesValid = file.counts.branchesValid
        branchesCovered = file.counts.branchesCovered
    }
}
