import CZlib
import Foundation

/// gzip files as Tidemark writes and reads them.
///
/// Written files are a series of gzip members (RFC 1952 allows several; `gunzip` and every
/// gzip reader concatenate them), each carrying in its header's extra field a key of what it
/// holds and its compressed length. A later writer finds the members whose key it would write
/// again and copies their bytes instead of compressing the same text anew. The header has no time
/// and no file name, so the same text gives the same bytes on every machine.
public enum GzipMembers {
    /// One member found in a file Tidemark wrote: its key and where its bytes are.
    public struct Member: Equatable, Sendable {
        public let key: [UInt8]
        public let range: Range<Int>
    }

    /// Why gzip data could not be read.
    public enum Failure: Error, Equatable, Sendable {
        case notGzip
        case truncated
        case corrupt(String)
        case tooLarge(limit: Int)
    }

    static let extraID: [UInt8] = [UInt8(ascii: "T"), UInt8(ascii: "m")]

    /// One gzip member holding `data`, its extra field naming `key` (at most 64 bytes).
    public static func member(_ data: [UInt8], key: [UInt8]) -> [UInt8] {
        let writer = Writer(key: key)
        writer.add(data)
        return writer.finish()
    }

    /// The members of a file written by `member(_:key:)`, in order; `nil` when the bytes are not
    /// such a file (another tool's gzip, a truncated file), so nothing of them is reused.
    public static func members(of bytes: [UInt8]) -> [Member]? {
        var members: [Member] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 17, bytes[offset] == 0x1f, bytes[offset + 1] == 0x8b, bytes[offset + 3] == 4,
                Array(bytes[offset + 12..<offset + 14]) == extraID
            else { return nil }
            let keyCount = Int(bytes[offset + 16])
            let lengthAt = offset + 17 + keyCount
            guard lengthAt + 4 <= bytes.count else { return nil }
            let total = Int(littleEndian(bytes[lengthAt..<lengthAt + 4]))
            guard total > 0, offset + total <= bytes.count else { return nil }
            members.append(Member(key: Array(bytes[offset + 17..<lengthAt]), range: offset..<offset + total))
            offset += total
        }
        return members
    }

    /// The text of any gzip data: one member or several, from any writer.
    /// - Throws: `Failure` for data that is not gzip, is cut short, is damaged, or inflates past `limit`.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { throw .notGzip }
        var stream = z_stream()
        // 15 + 16: gzip only (no zlib or raw data passes for it).
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var failure: Failure?
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while failure == nil {
                let code = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if output.count > limit { failure = .tooLarge(limit: limit) }
                switch code {
                case Z_OK: continue
                case Z_STREAM_END:
                    // Another member may follow.
                    if stream.avail_in == 0 { return }
                    guard inflateReset(&stream) == Z_OK else {
                        failure = .corrupt("zlib could not go on")
                        return
                    }
                case Z_BUF_ERROR where stream.avail_in == 0: failure = .truncated
                default:
                    failure = .corrupt(stream.msg.map { String(cString: $0) } ?? "inflate error \(code)")
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    // MARK: - Bytes

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, bytes count: Int, to out: inout [UInt8]) {
        for index in 0..<count { out.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    private static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}
