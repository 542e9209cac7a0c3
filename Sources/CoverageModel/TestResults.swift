import Foundation

/// Outcomes of one JUnit XML file. Each `<testcase>` counts once, in the first matching bucket:
/// errors, failures, skipped, passed.
public struct TestResults: Sendable, Hashable {
    public var tests: Int
    public var passed: Int
    public var failures: Int
    public var errors: Int
    public var skipped: Int
    /// Errors whose message is `collection failure`: a test module pytest could not import.
    public var collectionErrors: Int
    /// The test modules (testcase `classname` or `name`) that failed to be collected, sorted.
    public var collectionErrorModules: [String]
    /// When the tests ran (the earliest `<testsuite timestamp>`), when the file says.
    public var timestamp: Date?

    public init(
        tests: Int = 0, passed: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0,
        collectionErrors: Int = 0, collectionErrorModules: [String] = [], timestamp: Date? = nil
    ) {
        self.timestamp = timestamp
        self.tests = tests
        self.passed = passed
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
        self.collectionErrors = collectionErrors
        self.collectionErrorModules = collectionErrorModules
    }

    /// Whether any test errored or failed: coverage from such a run cannot be fully trusted.
    public var isBroken: Bool { errors > 0 || failures > 0 }

    /// The sum of several components' results, or `nil` when there are none.
    public static func sum(_ all: [TestResults]) -> TestResults? {
        guard !all.isEmpty else { return nil }
        return all.reduce(TestResults()) { sum, next in
            TestResults(
                tests: sum.tests + next.tests, passed: sum.passed + next.passed,
                failures: sum.failures + next.failures, errors: sum.errors + next.errors,
                skipped: sum.skipped + next.skipped, collectionErrors: sum.collectionErrors + next.collectionErrors,
                collectionErrorModules: sum.collectionErrorModules + next.collectionErrorModules)
        }
    }
}
