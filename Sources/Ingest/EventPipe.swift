import Foundation
import Synchronization

/// Hands recorded event chunks from the parse thread to the reading thread, in order.
///
/// At most `limit` chunks exist, so a reader that falls behind makes the parser wait instead of
/// buffering the document. The lock is `NSCondition` (pthread), which ThreadSanitizer sees.
final class EventPipe: Sendable {
    private struct State {
        var ready: [EventChunk] = []
        var next = 0
        var spare: [EventChunk] = []
        /// Chunks in existence, the parse thread's first one included.
        var made = 1
        var closed = false
        var drained = false
    }

    private let condition = NSCondition()
    nonisolated(unsafe) private var state = State()
    private let limit: Int
    private let chunkCapacity: Int
    /// Set by the reader when it needs no more events (it failed); the parser stops at its next hand-over.
    private let stopFlag = Atomic<Bool>(false)

    init(limit: Int = 4, chunkCapacity: Int = EventChunk.standardCapacity) {
        self.limit = max(2, limit)
        self.chunkCapacity = chunkCapacity
    }

    var isStopped: Bool { stopFlag.load(ordering: .relaxed) }

    func stop() { stopFlag.store(true, ordering: .relaxed) }

    /// Parse thread: queues a full chunk and returns an empty one, waiting while `limit` are in use.
    func pass(_ chunk: EventChunk) -> EventChunk {
        condition.lock()
        defer { condition.unlock() }
        state.ready.append(chunk)
        condition.broadcast()
        while state.spare.isEmpty, state.made >= limit { condition.wait() }
        if let spare = state.spare.popLast() {
            spare.count = 0
            return spare
        }
        state.made += 1
        return EventChunk(capacity: chunkCapacity)
    }

    /// Parse thread: queues the last chunk, if it holds events; no more will come.
    func close(after last: EventChunk) {
        condition.lock()
        if last.count > 0 { state.ready.append(last) }
        state.closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Reading thread: the next chunk in order, or `nil` once the pipe is closed and empty.
    func next() -> EventChunk? {
        condition.lock()
        defer { condition.unlock() }
        while state.next == state.ready.count, !state.closed { condition.wait() }
        guard state.next < state.ready.count else { return nil }
        let chunk = state.ready[state.next]
        state.next += 1
        if state.next == state.ready.count {
            state.ready.removeAll(keepingCapacity: true)
            state.next = 0
        }
        return chunk
    }

    /// Reading thread: a replayed chunk can be filled again.
    func recycle(_ chunk: EventChunk) {
        condition.lock()
        state.spare.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// Reading thread: every chunk was replayed.
    func markDrained() {
        condition.lock()
        state.drained = true
        condition.broadcast()
        condition.unlock()
    }

    /// Parse thread, after `close`: waits until the reader has replayed everything.
    func waitUntilDrained() {
        condition.lock()
        while !state.drained { condition.wait() }
        condition.unlock()
    }
}
