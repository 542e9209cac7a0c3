import CoverageModel
import Foundation

/// The stable id of a run: the same measurement has the same id in every history, so importing
/// an export twice, or into another history, never doubles a run.
enum RunIdentity {
    static func id(time: Date, source: RunSource, components: [(name: String, contentHash: String)]) -> String {
        var text = "tidemark-run-v1\n\(Int64(time.timeIntervalSince1970.rounded(.down)))\n"
        text += "\(source.commit ?? "")\n\(source.branch ?? "")\n"
        for component in components.sorted(by: { $0.name < $1.name }) {
            text += "\(component.name)=\(component.contentHash)\n"
        }
        return String(SHA256.hex(text).prefix(32))
    }
}
