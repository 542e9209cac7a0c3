import Foundation

/// A growable byte buffer for the hottest text loops (source rows, `inspect`'s table): appends are
/// plain `memcpy`s into memory it owns, without `Array`'s uniqueness and capacity checks on every
/// call, which dominate a render of many files (docs/performance.md).
///
/// Inlinable, like `appendDecimal`: the loops that use it are in other modules.
public struct ByteSink: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    @usableFromInline
    mutating func grow(_ extra: Int) {
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let length = bytes.count
        reserve(length)
        let target = UnsafeMutableRawPointer(base + count)
        // Most pieces are a few bytes (a tag, a token, the run between two escapes): copied with two
        // loads and two stores that may overlap, where a call to `memcpy` for each cost more than the
        // copy (a tenth of a render's instructions went to `memcpy`'s entry for short pieces).
        if length >= 8 && length <= 16 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 && length < 8 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else if length < 4 {
            // One to three bytes: the first, the middle and the last (the same byte twice when fewer).
            let bytes = source.assumingMemoryBound(to: UInt8.self)
            target.storeBytes(of: bytes[0], as: UInt8.self)
            target.storeBytes(of: bytes[length >> 1], toByteOffset: length >> 1, as: UInt8.self)
            target.storeBytes(of: bytes[length - 1], toByteOffset: length - 1, as: UInt8.self)
        } else {
            memcpy(target, source, length)
        }
        count += length
    }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(bytes)) }

    @inlinable @inline(__always)
    public mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// A text's UTF-8 bytes (labelled: an unlabelled `String` overload would take every literal
    /// from the `StaticString` one).
    @inlinable
    public mutating func append(contentsOf text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// `count` copies of `byte` (padding).
    @inlinable @inline(__always)
    public mutating func append(repeating byte: UInt8, count length: Int) {
        guard length > 0 else { return }
        reserve(length)
        (base + count).initialize(repeating: byte, count: length)
        count += length
    }

    /// Lets `write` put up to `maximum` bytes at the end (it returns how many it wrote): for writers
    /// of their own, such as HTML escaping, that need no intermediate buffer.
    @inlinable
    public mutating func append(upTo maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        let written = write(base + count)
        precondition(written >= 0 && written <= maximum, "ByteSink: wrote \(written) of at most \(maximum) bytes")
        count += written
    }

    /// How many bytes are written so far: an offset for `appendCopy(from:count:)`.
    @inlinable
    public var written: Int { count }

    /// Appends a copy of bytes written earlier (a line number that a row repeats), without
    /// formatting them again.
    @inlinable @inline(__always)
    public mutating func appendCopy(from offset: Int, count length: Int) {
        reserve(length)
        for index in 0..<length { base[count + index] = base[offset + index] }
        count += length
    }

    /// `[UInt8].appendDecimal` (Formatting) for this buffer: digits written in place, with no array to grow.
    @inlinable @inline(__always)
    public mutating func appendDecimal<T: BinaryInteger>(_ value: T) {
        reserve(21)
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = UInt64(value.magnitude)
        var digits = 0
        var scan = magnitude
        repeat {
            digits += 1
            scan /= 10
        } while scan > 0
        var index = count + digits
        count = index
        repeat {
            index -= 1
            base[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// The decimal digits of `value` packed in one word, the first digit in its lowest byte, and
    /// how many there are; nil outside 0 ..< 100 000 000. A row's line number is written three
    /// times from one word, where formatting and copying it digit by digit was a row's largest cost.
    @inlinable @inline(__always)
    public static func decimalWord(_ value: Int) -> (word: UInt64, count: Int)? {
        guard value >= 0, value < 100_000_000 else { return nil }
        var rest = value
        var word: UInt64 = 0
        var count = 0
        repeat {
            word = word << 8 | UInt64(0x30 + rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        return (word, count)
    }

    /// Appends the first `count` bytes (at most 8) of `word`, lowest byte first (`decimalWord`).
    @inlinable @inline(__always)
    public mutating func append(word: UInt64, count length: Int) {
        reserve(8)
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count += length
    }

    /// The bytes written so far, to read without copying them.
    @inlinable
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written.
    public consuming func bytes() -> [UInt8] {
        // With no bytes, `Array(unsafeUninitializedCapacity: 0)` writes its count into the stdlib's
        // shared empty-array storage, a (benign) race ThreadSanitizer reports when two threads do it.
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.update(from: base, count: count)
            initialized = count
        }
    }

    /// The bytes written, as text (callers write valid UTF-8).
    public consuming func text() -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            buffer.baseAddress?.update(from: base, count: count)
            return count
        }
    }
}
