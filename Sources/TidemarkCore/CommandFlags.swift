import CoverageModel
import Foundation

/// What the command line said, before `tidemark.toml` is read: `nil` and empty mean "not given".
/// The CLI fills it from its option groups; tests fill it directly.
public struct CommandFlags: Sendable {
    /// `--config FILE` (default: `./tidemark.toml` when present).
    public var config: String?
    /// `--input NAME=PATH` or `PATH`: one coverage report per component.
    public var inputs: [String] = []
    /// `--tests NAME=PATH`: JUnit results of a component.
    public var tests: [String] = []
    /// `--source-root DIR` or `NAME=DIR`.
    public var sourceRoots: [String] = []
    /// `--time ISO8601`: the run's time.
    public var time: String?
    public var commit: String?
    public var branch: String?
    public var buildURL: String?
    /// `--history PATH|URL`: an SQLite file or a `postgresql://` URL.
    public var history: String?
    /// `--project NAME`: the project in a history that holds many.
    public var project: String?
    /// `render --all-projects`: every project's site under `p/NAME/`, with an index of them all.
    public var allProjects = false
    /// `--output DIR`.
    public var output: String?
    /// `--templates DIR`.
    public var templates: String?
    /// Percent, for every component, over `tidemark.toml`.
    public var lineTarget: Double?
    public var lineWarning: Double?
    public var branchTarget: Double?
    public var branchWarning: Double?
    public var gates = GateLimits()
    public var onAlert: String?
    public var hookTimeout: Double?
    public var alertLog: String?
    public var lock = RunLock.Policy()
    /// `--history-from SOURCE`: a previous site, a history file or a site's URL to restore runs from.
    public var historyFrom: String?
    /// `--history-from-timeout SECONDS` for an http(s) source.
    public var historyFromTimeout: Double = 30

    public init() {}

    /// Checks what can be checked before anything is read.
    /// - Throws: `UsageError` naming the flag and what it needs.
    public func validate() throws(UsageError) {
        for value in tests where NamedPath(value).name == nil {
            throw UsageError("--tests needs NAME=PATH, naming the component it belongs to: '\(value)'")
        }
        for value in inputs + tests {
            let named = NamedPath(value)
            if named.path.isEmpty { throw UsageError("Empty path in '\(value)'.") }
            if let name = named.name, !NamedPath.isValidName(name) {
                throw UsageError("Component name '\(name)' may hold only letters, digits, '.', '_' and '-'.")
            }
        }
        if let time, ISO8601.date(from: time) == nil {
            throw UsageError("--time '\(time)' is not ISO 8601 (e.g. 2026-11-30T04:31:17Z).")
        }
        for (name, value) in [
            ("--line-target", lineTarget), ("--line-warning", lineWarning), ("--branch-target", branchTarget),
            ("--branch-warning", branchWarning), ("--fail-under-line", gates.failUnderLine),
            ("--fail-under-branch", gates.failUnderBranch),
        ] {
            if let value, !(0...100).contains(value) { throw UsageError("\(name) must be a percentage from 0 to 100.") }
        }
        if let hookTimeout, !(hookTimeout > 0 && hookTimeout <= 3600) {
            throw UsageError("--hook-timeout must be a number of seconds above 0 and at most 3600.")
        }
        if !(1...3600).contains(historyFromTimeout) {
            throw UsageError("--history-from-timeout must be a number of seconds from 1 to 3600.")
        }
        if let historyFrom, historyFrom.isEmpty { throw UsageError("--history-from needs a folder, a file or a URL.") }
        if !(RunLock.Policy.timeoutRange.contains(lock.timeout)) {
            throw UsageError("--lock-timeout must be a number of seconds from 0 to 86400.")
        }
        for (flag, values) in [("--input", inputs), ("--tests", tests)] {
            let names = values.compactMap { NamedPath($0).name }
            if let twice = Set(names.filter { name in names.filter { $0 == name }.count > 1 }).sorted().first {
                throw UsageError("\(flag) names the component '\(twice)' more than once; give each component one file.")
            }
        }
    }
}

/// Source roots per component, with one default.
public struct SourceRoots: Sendable {
    public var fallback = "."
    public var byComponent: [String: String] = [:]

    /// From `--source-root` values: `DIR` sets the default, `NAME=DIR` one component's root.
    public init(parsing values: [String] = []) {
        for value in values {
            let named = NamedPath(value)
            if let name = named.name { byComponent[name] = named.path } else { fallback = named.path }
        }
    }

    public func root(for component: String) -> String { byComponent[component] ?? fallback }
}

/// `NAME=PATH` or a bare `PATH`.
public struct NamedPath: Equatable, Sendable {
    public let name: String?
    public let path: String

    public init(_ value: String) {
        if let equals = value.firstIndex(of: "="), Self.isValidName(String(value[..<equals])) {
            name = String(value[..<equals])
            path = String(value[value.index(after: equals)...])
        } else {
            name = nil
            path = value
        }
    }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)
            }
    }
}
