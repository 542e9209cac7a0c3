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
    ///
    /// Two passes: count the extra bytes the entities need (none: one bulk append), then write the escaped
    /// text into a temporary buffer with pointer stores and append it once, so no entity pays for an
    /// `Array.append`.
    public static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let extra = extraByteCount(bytes)
        guard extra > 0 else {
            out.append(contentsOf: bytes)
            return
        }
        // Eight spare bytes: entities are stored as whole words.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + extra + 8) { buffer in
            guard let target = buffer.baseAddress else { return }
            let written = write(bytes, escapedTo: target)
            out.append(contentsOf: UnsafeBufferPointer(start: target, count: written))
        }
    }

    // MARK: - Counting

    /// How many bytes the entities add to `bytes` (none: the bytes are written as they are).
    public static func extraByteCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var extra = 0
        var index = 0
        while index + 8 <= bytes.count {
            // Byte order does not matter for counting.
            extra += extraByteCount(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            index += 8
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            // The last bytes as one word: the zero bytes that fill it are not special. Most interpolated values
            // are shorter than a word, so this copy is the common case and beats a byte-by-byte loop.
            var word: UInt64 = 0
            withUnsafeMutableBytes(of: &word) {
                $0.baseAddress?.copyMemory(from: base + index, byteCount: remaining)
            }
            extra += extraByteCount(word)
        }
        return extra
    }

    /// How many bytes the entities add to the eight bytes of `word`.
    @inline(__always)
    private static func extraByteCount(_ word: UInt64) -> Int {
        guard firstSpecialMask(word) != 0 else { return 0 }
        // Each byte becomes its entity's extra length (matches are exclusive); one multiply sums the bytes.
        let perByte =
            (exactMatches(word, 0x26) | exactMatches(word, 0x27)) >> 7 &* 4
            | (exactMatches(word, 0x3C) | exactMatches(word, 0x3E)) >> 7 &* 3
            | exactMatches(word, 0x22) >> 7 &* 5
        return Int((perByte &* ones) >> 56)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of exactly those bytes of `word` that equal `target`.
    @inline(__always)
    private static func exactMatches(_ word: UInt64, _ target: UInt8) -> UInt64 {
        let diff = word ^ (ones &* UInt64(target))
        return ~(((diff & lowBits) &+ lowBits) | diff | lowBits)
    }

    /// The high bit of bytes of `word` that equal one of `& < > " '`. Bits above a true match may be false
    /// positives (a borrow of the zero-byte test), but the lowest set bit is always exact.
    @inline(__always)
    private static func firstSpecialMask(_ word: UInt64) -> UInt64 {
        @inline(__always) func zeroBytes(_ target: UInt8) -> UInt64 {
            let diff = word ^ (ones &* UInt64(target))
            return (diff &- ones) & ~diff & highBits
        }
        return zeroBytes(0x26) | zeroBytes(0x3C) | zeroBytes(0x3E) | zeroBytes(0x22) | zeroBytes(0x27)
    }

    // MARK: - Writing

    /// Writes `bytes` escaped to `target`, which has room for them, their `extraByteCount` and eight spare
    /// bytes, and returns how many bytes it wrote: for buffers other than an array (page code's byte sinks).
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, escapedTo target: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        entities.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return 0 }
            return write(bytes, escapedTo: target, table: table)
        }
    }

    private static func write(
        _ bytes: UnsafeBufferPointer<UInt8>, escapedTo target: UnsafeMutablePointer<UInt8>, table: UnsafePointer<UInt64>
    ) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var written = 0
        var runStart = 0
        var index = 0
        while index < count {
            let special: Int
            if index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let mask = firstSpecialMask(word)
                if mask == 0 {
                    index += 8
                    continue
                }
                special = index + mask.trailingZeroBitCount >> 3
            } else if entityLength(base[index]) > 1 {
                special = index
            } else {
                index += 1
                continue
            }
            copy(base + runStart, count: special - runStart, to: target + written)
            written += special - runStart
            written += writeEntity(for: base[special], to: target + written, table: table)
            runStart = special + 1
            index = special + 1
        }
        copy(base + runStart, count: count - runStart, to: target + written)
        return written + count - runStart
    }

    /// Copies a run: short runs between entities byte by byte, where a `memcpy` call would cost more.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) {
        if count > 16 {
            target.initialize(from: source, count: count)
        } else {
            for offset in 0..<count { target[offset] = source[offset] }
        }
    }

    @inline(__always)
    private static func entityLength(_ byte: UInt8) -> Int {
        switch byte {
        case 0x26, 0x27: 5
        case 0x3C, 0x3E: 4
        case 0x22: 6
        default: 1
        }
    }

    /// Each entity packed little-endian into a word, with its length in the top byte, at `byte & 0x1F`
    /// (distinct for the five bytes).
    private static let entities: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 32)
        table[0x26 & 0x1F] = 0x3B_70_6D_61_26 | 5 << 56  // &amp;
        table[0x3C & 0x1F] = 0x3B_74_6C_26 | 4 << 56  // &lt;
        table[0x3E & 0x1F] = 0x3B_74_67_26 | 4 << 56  // &gt;
        table[0x22 & 0x1F] = 0x3B_74_6F_75_71_26 | 6 << 56  // &quot;
        table[0x27 & 0x1F] = 0x3B_39_33_23_26 | 5 << 56  // &#39;
        return table
    }()

    /// Writes the entity for one of the five bytes (as a whole word; the buffer has eight spare bytes) and
    /// returns its length.
    @inline(__always)
    private static func writeEntity(
        for byte: UInt8, to target: UnsafeMutablePointer<UInt8>, table: UnsafePointer<UInt64>
    ) -> Int {
        let entry = table[Int(byte & 0x1F)]
        UnsafeMutableRawPointer(target).storeBytes(of: (entry & 0x00FF_FFFF_FFFF_FFFF).littleEndian, as: UInt64.self)
        return Int(entry >> 56)
    }
}
