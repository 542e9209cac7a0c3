import Foundation

/// One measurement of a project: every component's coverage and test results at one time.
public struct Run: Sendable, Hashable {
    /// When the run happened: the reports' time when known, else the time the user gave.
    public var time: Date
    /// Components sorted by name.
    public var components: [ComponentRun]

    public init(time: Date, components: [ComponentRun]) {
        self.time = time
        self.components = components.sorted { $0.name < $1.name }
    }

    /// Sums over the measured components.
    public var totals: Counts { components.compactMap { $0.report?.totals }.total() }

    /// Test outcomes summed over components that have them, or `nil` when none has.
    public var tests: TestResults? {
        let all = components.compactMap(\.tests)
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

/// One component of a run ("python", "rust"): its coverage report and, when given, its test results.
public struct ComponentRun: Sendable, Hashable {
    public var name: String
    public var report: CoverageReport?
    public var tests: TestResults?

    public init(name: String, report: CoverageReport?, tests: TestResults? = nil) {
        self.name = name
        self.report = report
        self.tests = tests
    }
}
