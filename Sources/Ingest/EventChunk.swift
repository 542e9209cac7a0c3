/// A run of SAX events recorded as bytes on the parse thread, to be replayed on the reading thread.
///
/// Each event starts with its `Tag`:
/// - `start`: element kind (1 byte), the element's name (a pointer into libxml2's dictionary, valid
///   until the parser is freed), XML line and column (4 bytes each), attribute count (4 bytes), then
///   per attribute its name (a dictionary pointer) and its value (length, 4 bytes, and the bytes,
///   copied: libxml2 reuses its input buffer).
/// - `end`: nothing more.
/// - `empty`: a `start` whose element ended before any other event (`<line …/>`), in one event.
/// - `characters`: length (4 bytes) and the bytes.
///
/// Ownership passes between the two threads through `EventPipe`, whose lock orders the accesses.
final class EventChunk: @unchecked Sendable {
    enum Tag: UInt8 {
        case start = 1
        case end, characters, empty
    }

    /// The bytes; `count` of them are events.
    private(set) var bytes: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var count = 0

    /// The usual size: big enough that hand-overs are rare, small enough to stay in cache.
    static let standardCapacity = 128 * 1024

    init(capacity: Int = EventChunk.standardCapacity) {
        self.capacity = capacity
        bytes = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { bytes.deallocate() }

    /// Makes room for one event bigger than the chunk (a 10 MB attribute value); the chunk is empty.
    func grow(to needed: Int) {
        guard needed > capacity else { return }
        bytes.deallocate()
        capacity = needed
        bytes = .allocate(byteCount: needed, alignment: 16)
        count = 0
    }
}
