import ArgumentParser
import Foundation

/// What a run is made of: coverage inputs and test results per component.
struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("input"),
        help: ArgumentHelp(
            "A Cobertura coverage.xml, as NAME=PATH (one component of the run) or PATH (named after its producer).",
            valueName: "NAME=PATH"))
    var inputs: [String] = []

    @Option(
        name: .customLong("tests"),
        help: ArgumentHelp("JUnit XML results for a component, as NAME=PATH (.gz accepted).", valueName: "NAME=PATH"))
    var tests: [String] = []

    @Option(
        name: .customLong("source-root"),
        help: ArgumentHelp(
            "The repository root report paths resolve under (default: the current folder); NAME=DIR sets it for one component.",
            valueName: "DIR"))
    var sourceRoots: [String] = []

    /// The source root of each named component, and the default for the rest.
    var sourceRootMap: SourceRoots { SourceRoots(parsing: sourceRoots) }

    @Option(
        help: ArgumentHelp(
            "The run's time (ISO 8601) when the reports carry none; else SOURCE_DATE_EPOCH, else now.",
            valueName: "TIME"))
    var time: String?

    func validate() throws {
        for value in tests where NamedPath(value).name == nil {
            throw ValidationError("--tests needs NAME=PATH, naming the component it belongs to: '\(value)'")
        }
        for value in inputs + tests {
            let named = NamedPath(value)
            if named.path.isEmpty { throw ValidationError("Empty path in '\(value)'.") }
            if let name = named.name, !NamedPath.isValidName(name) {
                throw ValidationError("Component name '\(name)' may hold only letters, digits, '.', '_' and '-'.")
            }
        }
        if let time, ISO8601Parsing.date(time) == nil {
            throw ValidationError("--time '\(time)' is not ISO 8601 (e.g. 2026-11-30T04:31:17Z).")
        }
    }
}

/// Source roots per component, with one default.
struct SourceRoots {
    var fallback = "."
    var byComponent: [String: String] = [:]

    /// From `--source-root` values: `DIR` sets the default, `NAME=DIR` one component's root.
    init(parsing values: [String] = []) {
        for value in values {
            let named = NamedPath(value)
            if let name = named.name { byComponent[name] = named.path } else { fallback = named.path }
        }
    }

    func root(for component: String) -> String { byComponent[component] ?? fallback }
}

/// `NAME=PATH` or a bare `PATH`.
struct NamedPath: Equatable {
    let name: String?
    let path: String

    init(_ value: String) {
        if let equals = value.firstIndex(of: "="), Self.isValidName(String(value[..<equals])) {
            name = String(value[..<equals])
            path = String(value[value.index(after: equals)...])
        } else {
            name = nil
            path = value
        }
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
    }
}
