import Foundation

/// Freeing what is no longer needed on another thread.
///
/// Dropping the last reference to a large graph of objects (a parsed report's 20 000 per-file
/// accumulators) frees each of its allocations on the spot; on a second core that work is free,
/// and it does not leave the caller's heap busy with the freed chunks.
public enum Discard {
    /// Releases `value` (an object, or a struct or tuple holding large arrays and objects) on a new
    /// thread. Ownership moves here (`consume`); the caller must hold no other copy of what it refers
    /// to, or that copy's release frees it instead, on the caller's thread.
    public static func inBackground<Value>(_ value: consuming Value) {
        let held = HeldValue(consume value)
        Thread.detachNewThread { held.release() }
    }

    /// The one copy of a value, handed to the releasing thread; it is touched by that thread only.
    private final class HeldValue<Value>: @unchecked Sendable {
        private var value: Value?

        init(_ value: consuming Value) { self.value = value }

        func release() { value = nil }
    }
}
