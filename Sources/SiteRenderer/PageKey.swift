import Foundation

/// A fingerprint of everything a page is drawn from, so an unchanged page is neither rendered nor
/// rewritten on the next run. Two 64-bit FNV-1a-style hashes over the inputs' bytes, eight at a time
/// (little-endian, so every machine names pages alike).
struct PageKey {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x84222325_cbf29ce4

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        // Eight bytes per step (FNV-1a over words): every page's inputs pass here (docs/performance.md).
        var index = 0
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            first = (first ^ word) &* 0x0000_0100_0000_01b3
            second = (second ^ (word >> 32 | word << 32)) &* 0x0000_0100_0000_01b3 &+ 1
            first ^= first >> 29
            index += 8
        }
        while index < bytes.count {
            let byte = UInt64(bytes[index])
            first = (first ^ byte) &* 0x0000_0100_0000_01b3
            second = (second ^ byte) &* 0x0000_0100_0000_01b3 &+ 1
            index += 1
        }
        first = (first ^ 0xff ^ UInt64(bytes.count) << 8) &* 0x0000_0100_0000_01b3
    }

    @inline(__always)
    mutating func add(word: UInt64) {
        first = (first ^ word) &* 0x0000_0100_0000_01b3
        second = (second ^ (word >> 32 | word << 32)) &* 0x0000_0100_0000_01b3 &+ 1
        first ^= first >> 29
    }

    mutating func add(_ text: String) {
        // In place when the string is native UTF-8 (a copy to call the mutating `withUTF8` retained
        // and released every string of every page's inputs).
        if text.utf8.withContiguousStorageIfAvailable({ add(UnsafeRawBufferPointer($0)) }) != nil { return }
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add<T>(pod values: [T]) {
        values.withUnsafeBytes { add($0) }
    }

    /// The two hashes in lowercase hex without leading zeros, joined by "-": the manifest's form.
    /// Written into one string (every page's key is made on every render; three strings were).
    var text: String {
        String(unsafeUninitializedCapacity: Self.maxTextCount) { write(into: $0) }
    }

    /// Whether `text` is this key's `text`, compared without making a string: a cron tick reuses
    /// almost every page, whose key is then the published one.
    func matches(_ text: String) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxTextCount) { buffer in
            let written = UnsafeBufferPointer(rebasing: buffer[..<write(into: buffer)])
            // Over the stored bytes: the `utf8` view's iterator cost 50 instructions a byte.
            return text.utf8.withContiguousStorageIfAvailable {
                $0.count == written.count && memcmp($0.baseAddress!, written.baseAddress!, written.count) == 0
            } ?? text.utf8.elementsEqual(written)
        }
    }

    /// Two 16-digit numbers and a dash.
    private static let maxTextCount = 33

    /// Writes `text`'s bytes at the start of `buffer` (at least `maxTextCount` bytes); returns how many.
    private func write(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        func hex(_ value: UInt64) {
            let digits = max(1, (67 - value.leadingZeroBitCount) / 4)
            for index in (0..<digits).reversed() {
                buffer[count] = Self.hexDigit(value, at: index)
                count += 1
            }
        }
        hex(first)
        buffer[count] = UInt8(ascii: "-")
        count += 1
        hex(second)
        return count
    }

    /// The two hashes, to add to another key.
    var words: (UInt64, UInt64) { (first, second) }

    /// Ten hex digits, zero-padded: short names for pages, without a cryptographic hash per path
    /// (docs/performance.md).
    var short: String {
        var bytes: [UInt8] = []
        appendShort(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `short`'s ten digits: the first ten of the mixed hash in sixteen zero-padded hex digits.
    func appendShort(to bytes: inout [UInt8]) {
        let value = first ^ (second &* 0x9E37_79B9_7F4A_7C15)
        for index in (6..<16).reversed() {
            bytes.append(Self.hexDigit(value, at: index))
        }
    }

    /// Writes `short`'s ten digits at the start of `buffer` (at least ten bytes).
    func writeShort(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let value = first ^ (second &* 0x9E37_79B9_7F4A_7C15)
        for offset in 0..<10 { buffer[offset] = Self.hexDigit(value, at: 15 - offset) }
    }

    /// The lowercase hex digit of `value`'s nibble `index` (0 the lowest).
    private static func hexDigit(_ value: UInt64, at index: Int) -> UInt8 {
        let nibble = UInt8(truncatingIfNeeded: value >> (UInt64(index) * 4)) & 0xf
        return nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
