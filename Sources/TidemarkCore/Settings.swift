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
    public var historyPath: String
    public var output: String
    public var templates: String?
    public var thresholds: [String: Thresholds]
    public var defaults: Thresholds
    var dispatcher: AlertDispatcher

    /// - Parameter requireInputs: `false` for commands that read only the history (`render`, `status`).
    /// - Throws: `UsageError` for a bad configuration file or missing inputs.
    public init(flags: CommandFlags, requireInputs: Bool = true) throws(UsageError) {
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
            throw UsageError("Give at least one --input NAME=PATH (or --tests NAME=PATH), or components in tidemark.toml.")
        }
        var roots = SourceRoots()
        for component in configuration.components {
            if let root = component.sourceRoot { roots.byComponent[component.name] = root }
        }
        let given = SourceRoots(parsing: flags.sourceRoots)
        roots.byComponent.merge(given.byComponent) { $1 }
        if flags.sourceRoots.contains(where: { NamedPath($0).name == nil }) { roots.fallback = given.fallback }
        sourceRoots = roots
        historyPath = flags.history ?? configuration.history ?? HistoryStore.defaultPath
        output = flags.output ?? configuration.output ?? "public"
        templates = flags.templates ?? configuration.templates
        (defaults, thresholds) = Self.thresholds(flags, configuration)
        dispatcher = AlertDispatcher(
            logPath: flags.alertLog ?? configuration.alertLog, hook: flags.onAlert ?? configuration.onAlert,
            hookTimeout: flags.hookTimeout ?? configuration.hookTimeout ?? 10)
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
