import CoverageModel
import Crypto
import Foundation

/// The stable id of a run: the same measurement has the same id in every history, so importing
/// an export twice, or into another history, never doubles a run.
public enum RunIdentity {
    static func id(time: Date, source: RunSource, components: [(name: String, contentHash: String)]) -> String {
        var text = "tidemark-run-v1\n\(Int64(time.timeIntervalSince1970.rounded(.down)))\n"
        text += "\(source.commit ?? "")\n\(source.branch ?? "")\n"
        for component in components.sorted(by: { $0.name < $1.name }) {
            text += "\(component.name)=\(component.contentHash)\n"
        }
        return String(sha256(text).prefix(32))
    }

    /// SHA-256 of `text`'s UTF-8 bytes as 64 lowercase hex digits: run ids and components' content
    /// hashes, written into histories, so the same inputs give the same text on every machine.
    public static func sha256(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
