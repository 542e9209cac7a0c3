import Concurrency
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
        try parse(bytes: Array(text.utf8), path: path)
    }

    /// `parse(_:path:)` of UTF-8 bytes, as a file or a download holds them (no second copy as text).
    public static func parse(bytes: [UInt8], path: String) throws(HistoryError) -> [RunSummary] {
        // Lines as bytes, trimmed of spaces, tabs and a CR (JSON's own blanks; a line holds one
        // object). Trimming with Foundation's `trimmingCharacters` bridged every line to NSString:
        // a third of restoring a 10 000-run history.
        var lines: [(number: Int, range: Range<Int>)] = []
        var start = 0
        var number = 1
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var low = start
            var high = end
            while low < high, Self.isBlank(bytes[low]) { low += 1 }
            while high > low, Self.isBlank(bytes[high - 1]) { high -= 1 }
            if low < high { lines.append((number, low..<high)) }
            start = end + 1
            number += 1
        }
        // Each line is decoded and checked on its own, on every core; the first bad line is reported.
        let decoded = Slots<Result<RunSummary, HistoryExchangeError>>(count: lines.count)
        let shared = bytes
        let ranges = lines.map(\.range)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            decoded.set(index, Self.run(Data(shared[ranges[index]])))
        }
        var runs: [RunSummary] = []
        var ids: Set<String> = []
        for (index, line) in lines.enumerated() {
            switch decoded.get(index) {
            case .success(let run):
                guard ids.insert(run.id).inserted else {
                    throw .invalidImport(
                        path: path, line: line.number, message: "run '\(run.id)' appears twice in the file")
                }
                runs.append(run)
            case .failure(let error): throw .invalidImport(path: path, line: line.number, message: error.message)
            case nil: throw .invalidImport(path: path, line: line.number, message: "not read")
            }
        }
        return runs
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// One line: a run, checked against `ImportRules`.
    private static func run(_ line: Data) -> Result<RunSummary, HistoryExchangeError> {
        do {
            let run = try JSONDecoder().decode(ExportedRun.self, from: line).summary()
            try ImportRules.check(run)
            return .success(run)
        } catch let error as HistoryExchangeError {
            return .failure(error)
        } catch {
            return .failure(HistoryExchangeError(message: "not a run as 'history export' writes it (\(error))"))
        }
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
