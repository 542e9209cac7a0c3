import Foundation

/// One measurement of a project: every component's coverage and test results at one time.
public struct Run: Sendable, Hashable {
    /// When the run happened: the reports' time when known, else the time the user gave.
    public var time: Date
    /// Where the run came from: commit, branch, CI build.
    public var source: RunSource
    /// Components sorted by name.
    public var components: [ComponentRun]

    public init(time: Date, source: RunSource = RunSource(), components: [ComponentRun]) {
        self.time = time
        self.source = source
        self.components = components.sorted { $0.name < $1.name }
    }

    /// Sums over the measured components.
    public var totals: Counts { components.compactMap { $0.report?.totals }.total() }

    /// Test outcomes summed over components that have them, or `nil` when none has.
    public var tests: TestResults? { TestResults.sum(components.compactMap(\.tests)) }
}

/// The commit, branch and CI build a run was measured on; each may be unknown.
public struct RunSource: Sendable, Hashable {
    public var commit: String?
    public var branch: String?
    public var buildURL: String?

    public init(commit: String? = nil, branch: String? = nil, buildURL: String? = nil) {
        self.commit = commit
        self.branch = branch
        self.buildURL = buildURL
    }
}

/// Whether a component's coverage could be measured.
public enum ComponentStatus: Sendable, Hashable {
    /// A report was read and counted.
    case measured
    /// No usable report; the reason says why (grcov's empty report, a missing file, …). Never 0 %.
    case failed(reason: String)

    /// `measured` or `failed`, as stored and exported.
    public var name: String {
        switch self {
        case .measured: "measured"
        case .failed: "failed"
        }
    }

    public var reason: String? {
        if case .failed(let reason) = self { reason } else { nil }
    }
}

/// One component of a run ("python", "rust"): its coverage report and, when given, its test results.
public struct ComponentRun: Sendable, Hashable {
    public var name: String
    public var status: ComponentStatus
    public var report: CoverageReport?
    public var tests: TestResults?
    /// A hash of the component's input files' bytes, to recognise a run recorded before.
    public var contentHash: String

    public init(
        name: String, status: ComponentStatus = .measured, report: CoverageReport?, tests: TestResults? = nil,
        contentHash: String = ""
    ) {
        self.name = name
        self.status = status
        self.report = report
        self.tests = tests
        self.contentHash = contentHash
    }
}
