import CZlib
import Foundation

/// Reads a file through zlib, which passes plain files through and inflates `.gz` ones, and notes
/// what a parser cannot tell afterwards: whether any non-blank byte came, and read errors.
final class CompressedInput {
    private let path: String
    private var file: gzFile?
    /// Whether a byte other than XML white space has been read (an empty file is its own error).
    private(set) var sawContent = false
    /// A read error, reported in place of libxml2's "premature end".
    private(set) var failure: IngestError?

    init(path: String) throws(IngestError) {
        self.path = path
        let fd = try RegularFile.openForReading(path)
        guard let file = gzdopen(fd, "rb") else {
            RegularFile.close(fd)
            throw .unreadableFile(path: path, reason: "zlib could not read it")
        }
        gzbuffer(file, 128 * 1024)
        self.file = file
    }

    /// libxml2's read callback: fills up to `length` bytes; returns the count, 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutablePointer<CChar>, _ length: Int32) -> Int32 {
        guard let file, length > 0 else { return 0 }
        let count = gzread(file, buffer, UInt32(length))
        if count < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            failure = .unreadableFile(path: path, reason: message)
            return -1
        }
        if !sawContent, count > 0 {
            let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(count))
            sawContent = bytes.contains { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
        }
        return count
    }

    func close() {
        if let file { gzclose(file) }
        file = nil
    }
}
