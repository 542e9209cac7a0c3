import Foundation

/// The schema of `expected.json` files (../shared/corpus and Tests/IngestTests/Fixtures): totals a
/// reader must reproduce, computed by an independent implementation of docs/counting.md.
public struct ExpectedTotals: Decodable, Sendable {
    public let cobertura: [String: CoberturaExpectation]
    public let junit: [String: JUnitExpectation]

    /// Reads `expected.json` in `folder`.
    public static func load(from folder: URL) throws -> ExpectedTotals {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try JSONDecoder().decode(ExpectedTotals.self, from: data)
    }
}

/// The four counts of one file or report.
public struct ExpectedCounts: Decodable, Sendable, Equatable {
    public let linesValid: Int
    public let linesCovered: Int
    public let branchesValid: Int
    public let branchesCovered: Int

    public init(linesValid: Int, linesCovered: Int, branchesValid: Int, branchesCovered: Int) {
        self.linesValid = linesValid
        self.linesCovered = linesCovered
        self.branchesValid = branchesValid
        self.branchesCovered = branchesCovered
    }
}

/// One Cobertura entry: totals and per-file counts, or the error kind the file must give.
public struct CoberturaExpectation: Decodable, Sendable {
    public let error: String?
    public let files: Int?
    public let linesValid: Int?
    public let linesCovered: Int?
    public let branchesValid: Int?
    public let branchesCovered: Int?
    public let perFile: [String: ExpectedCounts]?
    /// Epoch seconds, `nil` when unknown (only in the project's own fixtures).
    public let timestamp: Int?
    public let producer: String?
    public let line: Int?
    public let column: Int?

    public var totals: ExpectedCounts? {
        guard let linesValid, let linesCovered, let branchesValid, let branchesCovered else { return nil }
        return ExpectedCounts(
            linesValid: linesValid, linesCovered: linesCovered, branchesValid: branchesValid,
            branchesCovered: branchesCovered)
    }
}

/// One JUnit entry.
public struct JUnitExpectation: Decodable, Sendable, Equatable {
    public let tests: Int
    public let passed: Int
    public let failures: Int
    public let errors: Int
    public let skipped: Int
    public let collectionErrors: Int

    public init(tests: Int, passed: Int, failures: Int, errors: Int, skipped: Int, collectionErrors: Int) {
        self.tests = tests
        self.passed = passed
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
        self.collectionErrors = collectionErrors
    }
}
