import Foundation

/// A growable byte buffer for the hottest markup loops (source rows): appends are plain `memcpy`s
/// into memory it owns, without `Array`'s uniqueness and capacity checks on every call (those
/// checks were a fifth of a 20 000-file render).
struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        memcpy(base + count, source, bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(bytes)) }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// How many bytes are written so far: an offset for `appendCopy(from:count:)`.
    var written: Int { count }

    /// Appends a copy of bytes written earlier (a line number that a row repeats), without
    /// formatting them again.
    @inline(__always)
    mutating func appendCopy(from offset: Int, count length: Int) {
        reserve(length)
        for index in 0..<length { base[count + index] = base[offset + index] }
        count += length
    }

    @inline(__always)
    mutating func appendDecimal<T: BinaryInteger>(_ value: T) {
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

    /// A line of source code (valid UTF-8) escaped for an element's text (`&`, `<`, `>`; quotes need
    /// no escaping there, and code is full of them), with control characters HTML forbids (all of
    /// C0 but tab and form feed, and DEL) shown as U+FFFD; runs without any are copied whole.
    /// Eight bytes are checked at a time, and within them only the marked bytes are visited: a
    /// byte-by-byte switch was a twentieth of a large render.
    mutating func appendEscapedSource(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let origin = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(origin)
        var runStart = 0
        var index = 0
        while index + 8 <= bytes.count {
            var marks = Self.marks(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            while marks != 0 {
                let at = index + marks.trailingZeroBitCount >> 3
                marks &= marks - 1
                if let replacement = Self.replacement(bytes[at]) {
                    if runStart < at { append(UnsafeBufferPointer(rebasing: bytes[runStart..<at])) }
                    append(replacement)
                    runStart = at + 1
                }
            }
            index += 8
        }
        while index < bytes.count {
            if let replacement = Self.replacement(bytes[index]) {
                if runStart < index { append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                append(replacement)
                runStart = index + 1
            }
            index += 1
        }
        if runStart < bytes.count { append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// What a byte of source is written as, or nil when it stays as it is.
    @inline(__always)
    private static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case 0x09, 0x0C, 0x20...0x7E, 0x80...: nil
        default: "\u{FFFD}"
        }
    }

    /// The high bit of each of eight bytes (little-endian: the lowest bits are the first byte) set
    /// exactly where the byte is `<`, `>`, `&`, DEL or below 0x20 (tab and form feed are
    /// marked too, and kept by `replacement`). SWAR without carries between bytes: `(b & 0x7F) + k`
    /// stays inside its byte.
    @inline(__always)
    private static func marks(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func equal(_ byte: UInt64) -> UInt64 {
            let other = word ^ (ones &* byte)
            return ~(((other & lows) &+ lows) | other)
        }
        let below = ~(((word & lows) &+ ones &* 0x60) | word)
        return (below | equal(0x3C) | equal(0x3E) | equal(0x26) | equal(0x7F)) & highs
    }

    /// The bytes written (valid UTF-8 by construction).
    consuming func bytes() -> [UInt8] {
        // With no bytes, `Array(unsafeUninitializedCapacity: 0)` writes its count into the stdlib's
        // shared empty-array storage, a (benign) race ThreadSanitizer reports when two threads do it.
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.update(from: base, count: count)
            initialized = count
        }
    }

    /// The bytes written, as text (they are valid UTF-8 by construction).
    consuming func text() -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            buffer.baseAddress?.update(from: base, count: count)
            return count
        }
    }
}
