import CoverageModel
import Foundation

/// Writes the varint byte stream of `ReportArchive`: unsigned LEB128 integers and length-prefixed strings.
struct ByteWriter {
    /// A byte array, not `Data`: appending single bytes to `Data` is several times dearer (docs/performance.md).
    private(set) var buffer: [UInt8] = []

    var data: Data { Data(buffer) }

    /// - Parameter capacity: the bytes expected, reserved at once: an archive part grown by doubling
    ///   from 64 KB copied itself into new pages six or seven times (with the zeroed deflate room,
    ///   1 600 of a 20 000-file record's 14 450 page faults).
    init(capacity: Int = 1 << 16) { buffer.reserveCapacity(capacity) }

    mutating func bytes(_ values: [UInt8]) { buffer.append(contentsOf: values) }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }

    mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ value: String) {
        varint(UInt64(value.utf8.count))
        buffer.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        varint(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func optionalInt(_ value: Int?) {
        varint(value == nil ? 0 : 1)
        if let value { signed(Int64(value)) }
    }

    mutating func strings(_ values: [String]) {
        varint(UInt64(values.count))
        for value in values { string(value) }
    }
}

/// Reads what `ByteWriter` wrote; every read checks the bounds, since archives come from the history file.
struct ByteReader {
    private let data: [UInt8]
    private var offset = 0

    init(_ data: [UInt8], at offset: Int = 0) {
        self.data = data
        self.offset = offset
    }

    /// Where the next read starts.
    var position: Int { offset }

    var isAtEnd: Bool { offset >= data.count }

    /// Bytes not read yet.
    var remaining: Int { data.count - offset }

    /// A count of items that take at least `bytesEach` bytes each: `nil` when the bytes left
    /// cannot hold that many, so no count can make a reader reserve or loop beyond the data.
    mutating func count(bytesEach: Int) -> Int? {
        guard let value = varint(), value <= UInt64(remaining / bytesEach) else { return nil }
        return Int(value)
    }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return Array(data[offset..<offset + count])
    }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < data.count, shift < 64 {
            let byte = data[offset]
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    mutating func signed() -> Int64? {
        guard let raw = varint() else { return nil }
        return Self.unzigzag(raw)
    }

    /// A stored line's four fields: its number's step from the line before and its hits (signed),
    /// its branches and those covered. Where all four fit in a byte each, as almost all do, they are
    /// read as one word: an archive holds a million lines, and four `varint` loops per line were most
    /// of reading it.
    @inline(__always)
    mutating func line() -> (delta: Int64, hits: Int64, valid: UInt64, covered: UInt64)? {
        if offset + 4 <= data.count {
            let word = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
            let bytes = UInt32(littleEndian: word)
            if bytes & 0x8080_8080 == 0 {
                offset += 4
                return (
                    Self.unzigzag(UInt64(bytes & 0x7f)), Self.unzigzag(UInt64(bytes >> 8 & 0x7f)),
                    UInt64(bytes >> 16 & 0x7f), UInt64(bytes >> 24)
                )
            }
        }
        guard let delta = signed(), let hits = signed(), let valid = varint(), let covered = varint() else {
            return nil
        }
        return (delta, hits, valid, covered)
    }

    @inline(__always)
    private static func unzigzag(_ raw: UInt64) -> Int64 { Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))) }

    mutating func string() -> String? {
        guard let range = stringRange() else { return nil }
        // From the bytes in place: a copy of them first was an allocation per name.
        return String(decoding: data[range], as: UTF8.self)
    }

    /// Where the next string's bytes are, read past without making it.
    mutating func stringRange() -> Range<Int>? {
        guard let count = varint(), count <= UInt64(remaining) else { return nil }
        defer { offset += Int(count) }
        return offset..<offset + Int(count)
    }

    mutating func optionalString() -> String?? {
        guard let flag = varint() else { return nil }
        return flag == 0 ? .some(nil) : string().map { .some($0) }
    }

    mutating func optionalInt() -> Int?? {
        guard let flag = varint() else { return nil }
        return flag == 0 ? .some(nil) : signed().map { .some(Int($0)) }
    }

    /// A file's functions (version 3): a count, then name, signature, line, hits, lines valid and covered each.
    /// - Parameter keeping: false to check them and read past them, returning none.
    mutating func functions(keeping: Bool = true) -> [FunctionCoverage]? {
        // Each entry takes at least six bytes: a count beyond that is a damaged blob.
        guard let count = varint(), count <= UInt64(data.count - offset) / 6 else { return nil }
        var functions: [FunctionCoverage] = []
        if keeping { functions.reserveCapacity(Int(count)) }
        for _ in 0..<count {
            guard let nameRange = stringRange(), let signatureRange = stringRange(), let line = signed(),
                let hits = signed(), let valid = varint(), let covered = varint()
            else { return nil }
            guard keeping else { continue }
            let name = String(decoding: data[nameRange], as: UTF8.self)
            let signature = String(decoding: data[signatureRange], as: UTF8.self)
            functions.append(
                FunctionCoverage(
                    name: name, signature: signature, line: Int(clamping: line), hits: hits < 0 ? nil : hits,
                    linesValid: Int(clamping: valid), linesCovered: Int(clamping: covered)))
        }
        return functions
    }

    mutating func strings() -> [String]? {
        guard let count = count(bytesEach: 1) else { return nil }
        var values: [String] = []
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }
}
