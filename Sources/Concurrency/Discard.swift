import CShims
import Foundation
import Synchronization

/// Freeing what is no longer needed on another thread, or not at all when the process is about to exit.
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
        Threads.detach { held.release() }
    }

    /// Lets go of `value` at the end of a command's work: in a process that exits after one command
    /// (`keepUntilExit`) it is kept, up to `CommandEnd.keptCount` values, since the exit returns their
    /// memory at once, where freeing them cost a 20 000-file cron tick 20 ms of CPU on a machine whose
    /// two cores it already kept busy; otherwise (`watch`, tests) it is freed as `inBackground` frees it.
    public static func atEnd<Value>(_ value: consuming Value) { commandEnd.letGo(HeldValue(consume value)) }

    /// Declares that this process exits when its one command is done: `atEnd` keeps what it is given,
    /// and the heap grows in large steps (`growHeapInLargeSteps`). Called by the command line for
    /// every command but `watch`.
    public static func keepUntilExit() {
        commandEnd.keepUntilExit()
        growHeapInLargeSteps()
    }

    /// How much free space glibc's malloc leaves at the top of a heap rather than give it back (and
    /// how far past a request it grows the main thread's heap): 16 MB instead of 128 KB.
    ///
    /// The parse's threads allocate from heaps of their own, which glibc shrank as chunks were freed
    /// and grew again a few pages at a time with `mprotect`: 4 800 `mprotect` calls in one `inspect`
    /// of a 20 000-file report (strace), about 6 ms of its 105 ms, and 10 ms of a `record`. With
    /// this pad, 16 calls. (glibc still grows a thread's heap by what each request needs: a render's
    /// threads, whose memory only grows, still make their calls.) Pages a heap reserves but nobody
    /// writes cost no memory; what it keeps instead of trimming is returned at the exit. `watch` keeps
    /// the default, so that an idle watch holds no more than it uses (docs/performance.md,
    /// "7 December, 07:15").
    public static let heapPad = 16 << 20

    static func growHeapInLargeSteps() { _ = tidemark_pad_heap(heapPad) }

    static let commandEnd = CommandEnd()

    /// What `atEnd` keeps, held by a static so that it stays reachable to the exit (no leak checker
    /// reports it); one per process, and one per test.
    final class CommandEnd: Sendable {
        /// How many values are kept: a large report's parse state, a recorded run and one render's
        /// (its contexts, its runs, its pages and its stage). Later ones are freed, so that a site of
        /// many projects does not hold every project's runs.
        static let keptCount = 6
        private let endsProcess = Atomic(false)
        private let kept = Mutex<[any Sendable]>([])

        func keepUntilExit() { endsProcess.store(true, ordering: .relaxed) }

        func letGo(_ held: some Releasable) {
            let isKept =
                endsProcess.load(ordering: .relaxed)
                && kept.withLock { values in
                    guard values.count < Self.keptCount else { return false }
                    values.append(held)
                    return true
                }
            if !isKept { Threads.detach { held.release() } }
        }
    }

    /// The one copy of a value, handed to the releasing thread; it is touched by that thread only.
    final class HeldValue<Value>: Releasable, @unchecked Sendable {
        private var value: Value?

        init(_ value: consuming Value) { self.value = value }

        func release() { value = nil }
    }
}

/// A value `Discard` holds until it lets it go.
protocol Releasable: Sendable {
    func release()
}
