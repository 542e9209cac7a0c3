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

    /// A line of source code (valid UTF-8) escaped like `{{…}}`, with control characters HTML forbids
    /// (all of C0 but tab and form feed, and DEL) shown as U+FFFD; runs without any are copied whole.
    /// Eight bytes are checked at a time: a byte-by-byte switch was a twentieth of a large render.
    mutating func appendEscapedSource(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let origin = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(origin)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !Self.mayNeedEscaping(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let end = min(index + 8, bytes.count)
            while index < end {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0C, 0x20...0x7E, 0x80...:
                    index += 1
                    continue
                default: replacement = "\u{FFFD}"
                }
                if runStart < index { append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                append(replacement)
                index += 1
                runStart = index
            }
        }
        if runStart < bytes.count { append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Whether any of eight bytes is `<`, `>`, `&`, `"`, `'`, DEL or below 0x20 (SWAR: a byte equal
    /// to `c` is a zero byte of `word ^ c…c`).
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs != 0
        return below || hasZero(word ^ (ones &* 0x3C)) || hasZero(word ^ (ones &* 0x3E)) || hasZero(word ^ (ones &* 0x26))
            || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x27)) || hasZero(word ^ (ones &* 0x7F))
    }

    /// The bytes written (valid UTF-8 by construction).
    consuming func bytes() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
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
