/// A file name as a dictionary key that hashes as one machine word: its bytes are hashed once, when
/// the `<class>` names it, and never again when the table of a large report grows (Swift hashes a
/// `String` key anew on every resize, which was most of the cost of looking files up).
struct FileName: Hashable {
    let name: String
    private let hash: UInt64

    init(_ name: String) {
        self.name = name
        var copy = name
        hash = copy.withUTF8 { Self.hash(UnsafeRawBufferPointer($0)) }
    }

    static func == (left: FileName, right: FileName) -> Bool { left.hash == right.hash && left.name == right.name }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// FNV-1a over eight bytes at a time; collisions only cost a string comparison.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        var index = 0
        while index + 8 <= bytes.count {
            value =
                (value ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                &* 0x100_0000_01b3
            value ^= value >> 29
            index += 8
        }
        while index < bytes.count {
            value = (value ^ UInt64(bytes[index])) &* 0x100_0000_01b3
            index += 1
        }
        return value ^ UInt64(bytes.count)
    }
}
