import CoverageModel
import Foundation
import Ingest

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
