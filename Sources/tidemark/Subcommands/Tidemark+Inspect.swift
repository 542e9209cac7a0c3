import ArgumentParser
import CoverageModel
import Foundation
import Ingest

extension Tidemark {
    /// `tidemark inspect`: what Tidemark reads from Cobertura or JUnit files.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what Tidemark reads from Cobertura or JUnit XML files.",
            discussion: "Exits 1 when any file cannot be read; with --json the error is {\"error\": KIND, \"message\": …}.")

        @Argument(help: ArgumentHelp("Cobertura or JUnit XML files (.gz accepted).", valueName: "PATH"))
        var paths: [String]

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @Option(help: ArgumentHelp("The repository root that report paths resolve under.", valueName: "DIR"))
        var sourceRoot: String = "."

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one file to inspect.") }
        }

        func run() throws {
            let resolver = SourcePathResolver(sourceRoot: sourceRoot)
            let results = paths.map { InspectResult.read($0, resolver: resolver) }
            if json {
                try InspectOutput.printJSON(results, keyedByPath: paths.count > 1)
            } else {
                InspectOutput.printText(results)
            }
            if results.contains(where: \.isFailure) { throw ExitStatus.inputError }
        }
    }
}

/// What one inspected file turned out to be.
enum InspectResult {
    case cobertura(path: String, report: CoverageReport)
    case junit(path: String, results: TestResults)
    case failure(path: String, error: IngestError)

    var isFailure: Bool { if case .failure = self { true } else { false } }

    static func read(_ path: String, resolver: SourcePathResolver) -> InspectResult {
        do {
            switch try DocumentKind.detect(contentsOf: path) {
            case .junit: return .junit(path: path, results: try JUnitParser().parse(contentsOf: path))
            case .cobertura, .other:
                return .cobertura(path: path, report: resolver.resolve(try CoberturaParser().parse(contentsOf: path)))
            }
        } catch {
            return .failure(path: path, error: error)
        }
    }
}
