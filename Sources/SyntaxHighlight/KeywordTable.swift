/// A fixed set of words looked up by raw bytes, without building a string per identifier: open
/// addressing over a power-of-two table, the words' bytes in one buffer.
struct KeywordTable: Sendable {
    private let words: [UInt8]
    /// Per slot: the word's offset in `words` and its length; length 0 marks an empty slot.
    private let slots: [(offset: Int32, length: Int32)]
    private let mask: Int
    private let caseInsensitive: Bool
    /// No keyword is longer: longer identifiers are not looked up.
    let longest: Int

    init(_ list: [String], caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        var size = 16
        while size < list.count * 3 { size *= 2 }
        mask = size - 1
        var words: [UInt8] = []
        var slots = [(offset: Int32, length: Int32)](repeating: (0, 0), count: size)
        var longest = 0
        for word in list {
            let bytes = Array((caseInsensitive ? word.lowercased() : word).utf8)
            longest = max(longest, bytes.count)
            var slot = bytes.withUnsafeBufferPointer { Self.hash($0, folding: caseInsensitive) } & mask
            while slots[slot].length != 0 { slot = (slot + 1) & mask }
            slots[slot] = (Int32(words.count), Int32(bytes.count))
            words += bytes
        }
        self.words = words
        self.slots = slots
        self.longest = longest
    }

    /// Whether `bytes` is one of the words.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= longest, !bytes.isEmpty else { return false }
        var slot = Self.hash(bytes, folding: caseInsensitive) & mask
        return words.withUnsafeBufferPointer { stored in
            while true {
                let (offset, length) = slots[slot]
                if length == 0 { return false }
                if Int(length) == bytes.count {
                    var same = true
                    for index in 0..<bytes.count
                    where Self.fold(bytes[index], caseInsensitive) != stored[Int(offset) + index] {
                        same = false
                        break
                    }
                    if same { return true }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func fold(_ byte: UInt8, _ folding: Bool) -> UInt8 {
        folding && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, folding: Bool) -> Int {
        var value: UInt32 = 2_166_136_261
        for byte in bytes { value = (value ^ UInt32(fold(byte, folding))) &* 16_777_619 }
        return Int(value ^ value >> 15)
    }
}
