import Foundation

/// Freeing what is no longer needed on another thread.
///
/// Dropping the last reference to a large graph of objects (a parsed report's 20 000 per-file
/// accumulators) frees each of its allocations on the spot; on a second core that work is free,
/// and it does not leave the caller's heap busy with the freed chunks.
public enum Discard {
    /// Releases `object` on a new thread. The caller must hold no other reference to it: ownership
    /// moves here (`consume`), so its deinitialisation always runs over there.
    public static func inBackground(_ object: consuming AnyObject) {
        let held = Held(consume object)
        Thread.detachNewThread { held.release() }
    }

    /// The one reference, handed to the releasing thread; it is touched by that thread only.
    private final class Held: @unchecked Sendable {
        private var object: AnyObject?

        init(_ object: consuming AnyObject) { self.object = object }

        func release() { object = nil }
    }
}
