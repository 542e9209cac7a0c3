/// Outcomes of one JUnit XML file. Each `<testcase>` counts once, in the first matching bucket:
/// errors, failures, skipped, passed.
public struct TestResults: Sendable, Hashable, Codable {
    public var tests: Int
    public var passed: Int
    public var failures: Int
    public var errors: Int
    public var skipped: Int
    /// Errors whose message is `collection failure`: a test module pytest could not import.
    public var collectionErrors: Int
    /// The test modules (testcase `classname` or `name`) that failed to be collected, sorted.
    public var collectionErrorModules: [String]

    public init(
        tests: Int = 0, passed: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0,
        collectionErrors: Int = 0, collectionErrorModules: [String] = []
    ) {
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
}
