import CoverageModel
import Foundation
import Ingest

/// Reads a run's inputs: each coverage file and JUnit file, grouped into named components.
struct RunLoader {
    let sourceRoots: SourceRoots

    /// The run, or every input error at once so the user can fix them together.
    func load(inputs: [String], tests: [String], fallbackTime: @autoclosure () -> Date) -> Result<Run, LoadFailure> {
        var components: [String: ComponentRun] = [:]
        var errors: [IngestError] = []
        for value in inputs {
            let named = NamedPath(value)
            do {
                let parsed = try CoberturaParser().parse(contentsOf: named.path)
                let name = named.name ?? Self.uniqueName(parsed.producer.defaultComponentName, taken: components)
                let report = SourcePathResolver(sourceRoot: sourceRoots.root(for: name)).resolve(parsed)
                if components[name]?.report != nil {
                    errors.append(.unreadableFile(path: named.path, reason: "component '\(name)' already has an input"))
                    continue
                }
                components[name, default: ComponentRun(name: name, report: nil)].report = report
            } catch {
                errors.append(error)
            }
        }
        for value in tests {
            let named = NamedPath(value)
            guard let name = named.name else { continue }
            do {
                let results = try JUnitParser().parse(contentsOf: named.path)
                components[name, default: ComponentRun(name: name, report: nil)].tests = results
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { return .failure(LoadFailure(errors: errors)) }
        let reportTimes = components.values.compactMap { $0.report?.timestamp }
        let time = reportTimes.max() ?? fallbackTime()
        return .success(Run(time: time, components: Array(components.values)))
    }

    private static func uniqueName(_ base: String, taken: [String: ComponentRun]) -> String {
        guard taken[base] != nil else { return base }
        var index = 2
        while taken["\(base)-\(index)"] != nil { index += 1 }
        return "\(base)-\(index)"
    }
}

/// Every input that could not be read.
struct LoadFailure: Error {
    let errors: [IngestError]
}
