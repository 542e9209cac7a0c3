import CoverageModel
import Foundation

/// SHA-256 of a file's bytes as stored (a `.gz` file is hashed compressed), read in chunks.
public enum InputDigest {
    /// The hex digest, or `nil` when the file cannot be read.
    public static func sha256(ofFileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = SHA256()
        while true {
            guard let chunk = try? handle.read(upToCount: 1 << 20) else { return nil }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { hash.update($0.bindMemory(to: UInt8.self)) }
        }
        return hash.hexDigest
    }
}
