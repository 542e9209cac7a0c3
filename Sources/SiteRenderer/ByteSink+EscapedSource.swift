import Formatting

/// HTML escaping of source lines, the hottest loop of a render.
extension ByteSink {
    /// A line of source code (valid UTF-8) escaped for an element's text (`&`, `<`, `>`; quotes need
    /// no escaping there, and code is full of them), with control characters HTML forbids (all of
    /// C0 but tab and form feed, and DEL) shown as U+FFFD; runs without any are copied whole.
    /// Eight bytes are checked at a time, and within them only the marked bytes are visited: every
    /// byte of every source file passes here (docs/performance.md).
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
}
