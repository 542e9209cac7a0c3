import CoverageAnalysis
import Foundation
import HistoryStore

/// Flags and `tidemark.toml` merged into what one command needs; flags win.
public struct Settings: Sendable {
    public var flags: CommandFlags
    public var configuration: Configuration
    public var inputs: [String]
    public var tests: [String]
    public var sourceRoots: SourceRoots
    /// `--history`, else `TIDEMARK_HISTORY_URL`, else tidemark.toml's `history`, else the default file.
    public var history: HistoryLocation
    /// `--project`, else `TIDEMARK_PROJECT`, else tidemark.toml's `project` (explicit), else the
    /// repository's name (detected).
    public var project: ProjectChoice
    public var output: String
    public var templates: String?
    public var thresholds: [String: Thresholds]
    public var defaults: Thresholds
    var dispatcher: AlertDispatcher

    /// - Parameters:
    ///   - requireInputs: `false` for commands that read only the history (`render`, `status`).
    ///   - environment: where `TIDEMARK_HISTORY_URL` and `TIDEMARK_PROJECT` are read.
    /// - Throws: `UsageError` for a bad configuration file, missing inputs or a bad project name.
    public init(
        flags: CommandFlags, requireInputs: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(UsageError) {
        self.flags = flags
        do {
            configuration = try ConfigurationLoader.load(explicit: flags.config)
        } catch {
            throw UsageError(error.description)
        }
        if flags.inputs.isEmpty && flags.tests.isEmpty {
            inputs = configuration.components.compactMap { component in
                component.coverage.map { "\(component.name)=\(Self.newestMatch($0))" }
            }
            tests = configuration.components.compactMap { component in
                component.junit.map { "\(component.name)=\(Self.newestMatch($0))" }
            }
        } else {
            inputs = flags.inputs
            tests = flags.tests
        }
        guard !requireInputs || !inputs.isEmpty || !tests.isEmpty else {
            throw UsageError(
                "Give at least one --input NAME=PATH (or --tests NAME=PATH), or components in tidemark.toml.")
        }
        var roots = SourceRoots()
        for component in configuration.components {
            if let root = component.sourceRoot { roots.byComponent[component.name] = root }
        }
        let given = SourceRoots(parsing: flags.sourceRoots)
        roots.byComponent.merge(given.byComponent) { $1 }
        if flags.sourceRoots.contains(where: { NamedPath($0).name == nil }) { roots.fallback = given.fallback }
        sourceRoots = roots
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        history = HistoryLocation(
            flags.history ?? variable("TIDEMARK_HISTORY_URL") ?? configuration.history ?? HistoryStore.defaultPath)
        if let name = flags.project ?? variable("TIDEMARK_PROJECT") ?? configuration.project {
            guard ProjectChoice.isValidName(name) else {
                throw UsageError(
                    "Project name '\(name)' may hold only letters, digits, '.', '_' and '-' (at most 100, not starting "
                        + "with '.')."
                )
            }
            project = ProjectChoice(name: name, isExplicit: true)
        } else {
            project = ProjectChoice(name: ProjectDetector.detect(environment: environment))
        }
        output = flags.output ?? configuration.output ?? "public"
        templates = flags.templates ?? configuration.templates
        (defaults, thresholds) = Self.thresholds(flags, configuration)
        dispatcher = AlertDispatcher(
            logPath: flags.alertLog ?? configuration.alertLog, hook: flags.onAlert ?? configuration.onAlert,
            hookTimeout: flags.hookTimeout ?? configuration.hookTimeout ?? 10)
    }

    /// The lock files a command takes for the history: beside an SQLite file; none for a server,
    /// whose transactions and row locks keep concurrent commands apart.
    public var historyLockPaths: [String] { history.localPath.map { [$0] } ?? [] }

    /// How messages name the history and project: the path (and the project when one was named),
    /// or the URL without its password and the project.
    public var historyLabel: String {
        switch history {
        case .sqlite(let path): project.isExplicit ? "\(path) (project \(project.name))" : path
        case .postgres: "\(history.display) (project \(project.name))"
        }
    }

    /// Each component's thresholds: the file's, with the flags on top.
    static func thresholds(_ flags: CommandFlags, _ configuration: Configuration)
        -> (defaults: Thresholds, byComponent: [String: Thresholds])
    {
        func apply(_ base: Thresholds) -> Thresholds {
            var result = base
            if let value = flags.lineTarget { result.lineTarget = value / 100 }
            if let value = flags.lineWarning { result.lineWarning = value / 100 }
            if let value = flags.branchTarget { result.branchTarget = value / 100 }
            if let value = flags.branchWarning { result.branchWarning = value / 100 }
            return result
        }
        var byComponent: [String: Thresholds] = [:]
        for component in configuration.components { byComponent[component.name] = apply(component.thresholds) }
        return (apply(configuration.defaults), byComponent)
    }

    /// A glob's most recently modified match; a plain path as it is.
    static func newestMatch(_ pattern: String) -> String {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return pattern }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return pattern }
        var newest: (path: String, time: Int)?
        for index in 0..<Int(result.gl_pathc) {
            guard let cPath = result.gl_pathv[index] else { continue }
            let path = String(cString: cPath)
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let time = Int(info.st_mtim.tv_sec)
            if let current = newest, (time, path) <= (current.time, current.path) { continue }
            newest = (path, time)
        }
        return newest?.path ?? pattern
    }
}
