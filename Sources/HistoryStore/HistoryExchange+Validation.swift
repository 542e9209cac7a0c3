import CoverageModel
import Foundation

/// What `history import` accepts: runs as `history export` writes them, with counts that can be
/// true (a component that lists files has the sum of their counts; one without files is a summary).
/// A file with one run that breaks a rule is refused whole (nothing is imported), naming the line of
/// the first such run, since a history holding 10 000 % coverage or a run in year −2000 would
/// mislead every page drawn from it.
enum ImportRules {
    /// The largest count accepted; real reports stay far below.
    static let maximumCount = 1_000_000_000_000
    /// Runs between 1970-01-01 and 9999-12-31 (what ISO 8601 with four-digit years can write).
    static let times = 0.0...253_402_300_799.0

    static func check(_ run: RunSummary) throws(HistoryExchangeError) {
        guard !run.id.isEmpty, run.id.count <= 128, !hasControlCharacters(run.id) else {
            throw HistoryExchangeError(message: "the run id must be 1 to 128 printable characters")
        }
        guard times.contains(run.time.timeIntervalSince1970) else {
            throw HistoryExchangeError(message: "time \(ISO8601.string(from: run.time)) is outside 1970…9999")
        }
        for (label, value) in [
            ("commit", run.source.commit), ("branch", run.source.branch), ("buildURL", run.source.buildURL),
        ] {
            if let value, value.count > 2048 || hasControlCharacters(value) {
                throw HistoryExchangeError(message: "\(label) must be at most 2048 printable characters")
            }
        }
        var names: Set<String> = []
        for component in run.components {
            guard names.insert(component.name).inserted else {
                throw HistoryExchangeError(message: "component '\(component.name)' appears twice")
            }
            try check(component)
        }
    }

    private static func check(_ component: ComponentSummary) throws(HistoryExchangeError) {
        let name = component.name
        // The rule `--input NAME=PATH` names follow.
        guard !name.isEmpty, name.count <= 64,
            name.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)
            })
        else {
            throw HistoryExchangeError(
                message: "component name '\(name)': use 1 to 64 letters, digits, '.', '_' or '-'")
        }
        try check(component.counts, "component '\(name)'")
        if component.status != .measured, component.counts != .zero || !component.files.isEmpty {
            throw HistoryExchangeError(message: "component '\(name)': a failed measurement has no counts and no files")
        }
        var sum = Counts()
        var paths: Set<String> = []
        for file in component.files {
            guard !file.path.isEmpty, paths.insert(file.path).inserted else {
                throw HistoryExchangeError(
                    message: "component '\(name)': file path '\(file.path)' is empty or appears twice")
            }
            try check(file.counts, "component '\(name)', file '\(file.path)'")
            sum += file.counts
        }
        // Runs imported from summaries alone (Scripts/long-history.sh) list no files: nothing to add up.
        guard component.files.isEmpty || sum == component.counts else {
            throw HistoryExchangeError(
                message: "component '\(name)': its counts (\(describe(component.counts))) differ from the sum of its "
                    + "files (\(describe(sum)))")
        }
        if let tests = component.tests { try check(tests, name: name) }
    }

    private static func check(_ counts: Counts, _ owner: String) throws(HistoryExchangeError) {
        for (label, value) in [
            ("linesValid", counts.linesValid), ("linesCovered", counts.linesCovered),
            ("branchesValid", counts.branchesValid), ("branchesCovered", counts.branchesCovered),
        ] where !(0...maximumCount).contains(value) {
            throw HistoryExchangeError(message: "\(owner): \(label) \(value) is not a count from 0 to \(maximumCount)")
        }
        if counts.linesCovered > counts.linesValid {
            throw HistoryExchangeError(
                message: "\(owner): linesCovered \(counts.linesCovered) is more than linesValid \(counts.linesValid)")
        }
        if counts.branchesCovered > counts.branchesValid {
            throw HistoryExchangeError(
                message:
                    "\(owner): branchesCovered \(counts.branchesCovered) is more than "
                    + "branchesValid \(counts.branchesValid)"
            )
        }
    }

    private static func check(_ tests: TestResults, name: String) throws(HistoryExchangeError) {
        let values = [tests.tests, tests.passed, tests.failures, tests.errors, tests.skipped, tests.collectionErrors]
        guard values.allSatisfy({ (0...maximumCount).contains($0) }),
            tests.passed + tests.failures + tests.errors + tests.skipped == tests.tests,
            tests.collectionErrors <= tests.errors
        else {
            throw HistoryExchangeError(
                message:
                    "component '\(name)': test counts must be ≥ 0, passed + failures + errors + skipped must equal "
                    + "tests, and collectionErrors must not exceed errors")
        }
    }

    private static func describe(_ counts: Counts) -> String {
        "lines \(counts.linesCovered)/\(counts.linesValid), branches \(counts.branchesCovered)/\(counts.branchesValid)"
    }

    private static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
