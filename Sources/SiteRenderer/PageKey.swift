/// A fingerprint of everything a page is drawn from, so an unchanged page is neither rendered nor
/// rewritten on the next run. Two independent 64-bit FNV-1a hashes over the inputs' bytes.
struct PageKey {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x84222325_cbf29ce4

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 1
        }
        first = (first ^ 0xff) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add<T>(pod values: [T]) {
        values.withUnsafeBytes { add($0) }
    }

    var text: String { String(first, radix: 16) + "-" + String(second, radix: 16) }

    /// Ten hex digits, zero-padded: short names for pages (a per-path SHA-256 was 15 % of an
    /// incremental render).
    var short: String {
        let digits = String(first ^ (second &* 0x9E37_79B9_7F4A_7C15), radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - digits.count)) + digits).prefix(10))
    }
}
