import ArgumentParser
import CoverageAnalysis
import Foundation

/// Flags and `tidemark.toml` merged into what one command needs; flags win.
struct RunSettings {
    var configuration: Configuration
    var inputs: [String]
    var tests: [String]
    var sourceRoots: SourceRoots
    var historyPath: String
    var output: String
    var templates: String?
    var thresholds: [String: Thresholds]
    var defaults: Thresholds
    var dispatcher: AlertDispatcher

    /// - Parameter requireInputs: `false` for commands that read only the history (`render`, `status`).
    init(
        inputs: InputOptions, history: HistoryOptions, output: OutputOptions, alerts: AlertOptions, requireInputs: Bool = true
    ) throws {
        configuration = try alerts.loadConfiguration()
        let fromFile = inputs.inputs.isEmpty && inputs.tests.isEmpty
        if fromFile {
            self.inputs = configuration.components.compactMap { component in
                component.coverage.map { "\(component.name)=\(Self.newestMatch($0))" }
            }
            tests = configuration.components.compactMap { component in
                component.junit.map { "\(component.name)=\(Self.newestMatch($0))" }
            }
        } else {
            self.inputs = inputs.inputs
            tests = inputs.tests
        }
        guard !requireInputs || !self.inputs.isEmpty || !tests.isEmpty else {
            throw ValidationError("Give at least one --input NAME=PATH (or --tests NAME=PATH), or components in tidemark.toml.")
        }
        var roots = SourceRoots()
        for component in configuration.components {
            if let root = component.sourceRoot { roots.byComponent[component.name] = root }
        }
        let flags = inputs.sourceRootMap
        roots.byComponent.merge(flags.byComponent) { $1 }
        if inputs.sourceRoots.contains(where: { NamedPath($0).name == nil }) { roots.fallback = flags.fallback }
        sourceRoots = roots
        historyPath = history.path(configuration)
        self.output = output.output(configuration)
        templates = output.templates(configuration)
        (defaults, thresholds) = alerts.thresholds(configuration)
        dispatcher = AlertDispatcher(
            logPath: alerts.alertLog ?? configuration.alertLog, hook: alerts.onAlert ?? configuration.onAlert,
            hookTimeout: alerts.hookTimeout ?? configuration.hookTimeout ?? 10)
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
