import CZlib
import Foundation

/// Reads a file through zlib, which passes plain files through and inflates `.gz` ones, and notes
/// what a parser cannot tell afterwards: whether any non-blank byte came, and read errors.
///
/// The second part of a split parse (`ReportSplit`) reads given bytes first, then a plain file from
/// an offset on.
final class CompressedInput {
    private let path: String
    private var file: gzFile?
    /// Bytes handed out before the file's; what is left of them.
    private var prefix: [UInt8]
    private var prefixRead = 0
    /// Whether a byte other than XML white space has been read (an empty file is its own error).
    private(set) var sawContent = false
    /// A read error, reported in place of libxml2's "premature end".
    private(set) var failure: IngestError?
    /// The file read, as it was when opened.
    let identity: FileIdentity?

    /// - Parameters:
    ///   - prefix: bytes read before the file's.
    ///   - offset: where in the file reading starts (a plain file's byte offset).
    init(path: String, prefix: [UInt8] = [], offset: Int = 0) throws(IngestError) {
        self.path = path
        self.prefix = prefix
        let fd = try RegularFile.openForReading(path)
        identity = FileIdentity(of: fd)
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) {
            RegularFile.close(fd)
            throw .unreadableFile(path: path, reason: "could not seek to byte \(offset)")
        }
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
        if prefixRead < prefix.count {
            let count = min(Int(length), prefix.count - prefixRead)
            prefix.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                UnsafeMutableRawPointer(buffer).copyMemory(from: base + prefixRead, byteCount: count)
            }
            prefixRead += count
            return Int32(count)
        }
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
