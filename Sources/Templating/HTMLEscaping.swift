/// HTML escaping of text into UTF-8 bytes, shared by `{{x}}` tags and page code that builds markup in Swift.
public enum HTMLEscaping {
    /// Appends `text` to `out` as UTF-8 with `& < > " '` written as `&amp; &lt; &gt; &quot; &#39;`.
    ///
    /// Runs between those five bytes are copied in bulk; eight bytes at a time are checked for them at once.
    /// - Parameters:
    ///   - text: The text to escape.
    ///   - out: The buffer to append to.
    public static func escape(_ text: String, into out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escape($0, into: &out) }
        if done == nil {
            var copy = text
            copy.withUTF8 { escape($0, into: &out) }
        }
    }

    /// Appends `bytes` to `out`, escaped as in `escape(_:into:)`.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            // Skip whole words that hold none of the five bytes (SWAR zero-byte test per target byte).
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !mayHoldSpecialByte(word) {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if let entity = entity(for: byte) {
                out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                out.append(contentsOf: entity)
                runStart = index + 1
            }
            index += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// True when some byte of `word` may be one of `& < > " '` (never false when one is).
    @inline(__always)
    private static func mayHoldSpecialByte(_ word: UInt64) -> Bool {
        @inline(__always) func hasByte(_ target: UInt8) -> UInt64 {
            let diff = word ^ (ones &* UInt64(target))
            return (diff &- ones) & ~diff & highBits
        }
        return (hasByte(0x26) | hasByte(0x3C) | hasByte(0x3E) | hasByte(0x22) | hasByte(0x27)) != 0
    }

    private static let amp: [UInt8] = Array("&amp;".utf8)
    private static let lt: [UInt8] = Array("&lt;".utf8)
    private static let gt: [UInt8] = Array("&gt;".utf8)
    private static let quot: [UInt8] = Array("&quot;".utf8)
    private static let apos: [UInt8] = Array("&#39;".utf8)

    @inline(__always)
    private static func entity(for byte: UInt8) -> [UInt8]? {
        switch byte {
        case 0x26: amp
        case 0x3C: lt
        case 0x3E: gt
        case 0x22: quot
        case 0x27: apos
        default: nil
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` in one copy.
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if done == nil { append(contentsOf: text.utf8) }
    }
}
