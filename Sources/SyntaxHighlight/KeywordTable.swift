/// A fixed set of words looked up by raw bytes, without building a string per identifier: open
/// addressing over a power-of-two table, the words' bytes in one buffer.
struct KeywordTable: Sendable {
    private let words: [UInt8]
    /// Two values per slot: the word's offset in `words` and its length; length 0 marks an empty slot.
    private let slots: [Int32]
    private let mask: Int
    private let caseInsensitive: Bool
    /// No keyword is longer: longer identifiers are not looked up.
    private let longest: Int
    /// For each first byte, bit `n` set when a word of `n` bytes starts with it (bit 63 for 63 or
    /// more): most identifiers are no keyword's length for their first letter, and are turned away
    /// without hashing them.
    private let lengthsByFirstByte: [UInt64]

    init(_ list: [String], caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        var size = 16
        while size < list.count * 3 { size *= 2 }
        mask = size - 1
        var words: [UInt8] = []
        var slots = [Int32](repeating: 0, count: 2 * size)
        var longest = 0
        var lengths = [UInt64](repeating: 0, count: 256)
        for word in list {
            let bytes = Array((caseInsensitive ? word.lowercased() : word).utf8)
            longest = max(longest, bytes.count)
            if let first = bytes.first {
                let bit: UInt64 = 1 << min(bytes.count, 63)
                lengths[Int(first)] |= bit
                if caseInsensitive, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") {
                    lengths[Int(first & ~0x20)] |= bit
                }
            }
            var slot = bytes.withUnsafeBufferPointer { Lookup.hash($0, folding: caseInsensitive) } & mask
            while slots[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
            slots[2 * slot] = Int32(words.count)
            slots[2 * slot + 1] = Int32(bytes.count)
            words += bytes
        }
        self.words = words
        self.slots = slots
        self.longest = longest
        lengthsByFirstByte = lengths
    }

    /// The table as the lexer reads it, its storage copied into `arena`.
    func lookup(in arena: TableArena) -> Lookup {
        Lookup(
            words: arena.copy(words), slots: arena.copy(slots), mask: mask, caseInsensitive: caseInsensitive,
            longest: longest, lengthsByFirstByte: arena.copy(lengthsByFirstByte))
    }

    /// The same table over pointers: a lookup retains nothing.
    struct Lookup {
        let words: UnsafeBufferPointer<UInt8>
        /// Two values per slot: the offset and the length.
        let slots: UnsafeBufferPointer<Int32>
        let mask: Int
        let caseInsensitive: Bool
        let longest: Int
        let lengthsByFirstByte: UnsafeBufferPointer<UInt64>

        /// Whether `bytes` is one of the words.
        func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count <= longest, !bytes.isEmpty,
                lengthsByFirstByte[Int(bytes[0])] & (1 << UInt64(min(bytes.count, 63))) != 0
            else { return false }
            var slot = Self.hash(bytes, folding: caseInsensitive) & mask
            while true {
                let offset = Int(slots[2 * slot])
                let length = Int(slots[2 * slot + 1])
                if length == 0 { return false }
                if length == bytes.count {
                    var same = true
                    for index in 0..<bytes.count where Self.fold(bytes[index], caseInsensitive) != words[offset + index]
                    {
                        same = false
                        break
                    }
                    if same { return true }
                }
                slot = (slot + 1) & mask
            }
        }

        @inline(__always)
        private static func fold(_ byte: UInt8, _ folding: Bool) -> UInt8 {
            folding && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }

        static func hash(_ bytes: UnsafeBufferPointer<UInt8>, folding: Bool) -> Int {
            var value: UInt32 = 2_166_136_261
            for byte in bytes { value = (value ^ UInt32(fold(byte, folding))) &* 16_777_619 }
            return Int(value ^ value >> 15)
        }
    }
}
