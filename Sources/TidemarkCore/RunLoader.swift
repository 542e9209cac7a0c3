import Concurrency
import CoverageModel
import Foundation
import HistoryStore
import Ingest

/// Reads a run's inputs: each coverage file and JUnit file, grouped into named components.
///
/// A file that cannot be read (missing, empty, malformed, not Cobertura) stops the run: nothing is
/// recorded. Two failures are measurements, not bad files, and are recorded as failed components:
/// a report that measured nothing (grcov after a failed run), and a missing coverage file when the
/// component's JUnit file shows test collection errors (pytest writes no coverage.xml then).
struct RunLoader {
    let sourceRoots: SourceRoots
    /// Told each warning of matching a report's paths to the source root (files that did not
    /// resolve, or resolved but are not there), as `component: warning`: pages would show no
    /// source for those files, which the console should say when the run is recorded.
    var warn: (String) -> Void = { _ in }

    /// - Parameters:
    ///   - source: where the run comes from; asked for once the reports are read, so that git can
    ///     answer meanwhile.
    ///   - time: `--time`: when given, the run's time whatever the reports say.
    ///   - fallbackTime: the time when neither `time` nor any report gives one.
    func load(
        inputs: [String], tests: [String], source: @autoclosure () -> RunSource, time: Date? = nil,
        fallbackTime: @autoclosure () -> Date
    ) -> Result<Run, LoadFailure> {
        var errors: [IngestError] = []
        var results: [String: (TestResults, hash: String)] = [:]
        for value in tests {
            let named = NamedPath(value)
            guard let name = named.name else { continue }
            do {
                results[name] = (try JUnitParser().parse(contentsOf: named.path), Self.hash(named.path))
            } catch {
                errors.append(error)
            }
        }
        var components: [String: ComponentRun] = [:]
        for value in inputs {
            let named = NamedPath(value)
            var component: ComponentRun
            let contentHash = Self.hashing(named.path)
            do {
                let parsed = try CoberturaParser().parse(contentsOf: named.path)
                let name = named.name ?? Self.uniqueName(parsed.producer.defaultComponentName, taken: components)
                let parsedWarnings = parsed.warnings.count
                // Handed over, not shared: resolving a report still held here would copy its files
                // (every name and line list retained, 20 000 cold objects: ~9 ms of a `record`).
                let report = SourcePathResolver(sourceRoot: sourceRoots.root(for: name)).resolve(consume parsed)
                for warning in report.warnings.dropFirst(parsedWarnings) { warn("\(name): \(warning)") }
                component = ComponentRun(name: name, report: report)
            } catch {
                let tests = named.name.flatMap { results[$0]?.0 }
                guard let failed = Self.failedMeasurement(error, name: named.name, tests: tests) else {
                    errors.append(error)
                    continue
                }
                component = failed
            }
            guard components[component.name] == nil else {
                errors.append(
                    .unreadableFile(path: named.path, reason: "component '\(component.name)' already has an input"))
                continue
            }
            component.contentHash = contentHash()
            components[component.name] = component
        }
        for (name, result) in results {
            var component = components[name] ?? ComponentRun(name: name, report: nil)
            component.tests = result.0
            component.contentHash = RunIdentity.sha256("coverage:\(component.contentHash)\njunit:\(result.hash)")
            components[name] = component
        }
        guard errors.isEmpty else { return .failure(LoadFailure(errors: errors)) }
        // --time wins: a replay or a re-run gives the time it means, and a run blocked by collection
        // errors (only its JUnit file, written now) must not jump ahead of the runs replayed after
        // it. Else the coverage reports' time, then the test results' (a blocked run has only those).
        let reportTimes = components.values.compactMap { $0.report?.timestamp }
        let testTimes = components.values.compactMap { $0.tests?.timestamp }
        let runTime = time ?? reportTimes.max() ?? testTimes.max() ?? fallbackTime()
        return .success(Run(time: runTime, source: source(), components: Array(components.values)))
    }

    /// A failure that is a measurement result rather than a bad input, as a failed component.
    private static func failedMeasurement(_ error: IngestError, name: String?, tests: TestResults?) -> ComponentRun? {
        switch error {
        case .noMeasurement:
            let componentName = name ?? "coverage"
            return ComponentRun(name: componentName, status: .failed(reason: error.description), report: nil)
        case .unreadableFile(_, "no such file") where (tests?.collectionErrors ?? 0) > 0:
            guard let name, let tests else { return nil }
            let modules = tests.collectionErrorModules.joined(separator: ", ")
            let count = tests.collectionErrors
            return ComponentRun(
                name: name,
                status: .failed(
                    reason: "blocked by \(count) collection error\(count == 1 ? "" : "s") (\(modules)): "
                        + "pytest stopped before measuring, so \(error.path) was not written"),
                report: nil)
        default:
            return nil
        }
    }

    private static func hash(_ path: String) -> String { InputDigest.fingerprint(ofFileAt: path) ?? "missing" }

    /// Starts fingerprinting `path` on a thread of its own, while the report is parsed (the file is
    /// read twice either way); the closure waits for the fingerprint.
    ///
    /// The parse already keeps two threads busy, and its libxml2 thread is what a record waits for:
    /// the fingerprint's thread runs at the lowest priority (Linux sets it per thread), so it takes
    /// the time the other two leave (docs/performance.md).
    private static func hashing(_ path: String) -> () -> String {
        let digest = Background {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            return hash(path)
        }
        return { digest.value }
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
