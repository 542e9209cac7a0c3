import Foundation
import Synchronization
import Testing

@testable import Concurrency

/// What a command lets go of at its end: freed on another thread, or kept to the exit (up to one
/// render's values) when the process ends with the command.
struct DiscardTests {
    /// Counts its frees.
    final class Tracked: Sendable {
        let freed: Counter
        init(_ freed: Counter) { self.freed = freed }
        deinit { freed.value.add(1, ordering: .relaxed) }
    }

    final class Counter: Sendable {
        let value = Atomic(0)

        /// The count once it reaches `expected`, or after two seconds.
        func settled(at expected: Int) -> Int {
            for _ in 0..<200 where value.load(ordering: .relaxed) < expected { usleep(10_000) }
            return value.load(ordering: .relaxed)
        }
    }

    @Test("Without keepUntilExit every value is freed; with it the first five are kept and later ones freed")
    func commandEnd() {
        let freeing = Discard.CommandEnd()
        let freedThere = Counter()
        for _ in 0..<6 { freeing.letGo(Discard.HeldValue(Tracked(freedThere))) }
        #expect(freedThere.settled(at: 6) == 6)

        let keeping = Discard.CommandEnd()
        keeping.keepUntilExit()
        let freedHere = Counter()
        for _ in 0..<(Discard.CommandEnd.keptCount + 2) { keeping.letGo(Discard.HeldValue(Tracked(freedHere))) }
        #expect(freedHere.settled(at: 2) == 2)
        // The kept ones stay: nothing else is freed meanwhile.
        usleep(100_000)
        #expect(freedHere.value.load(ordering: .relaxed) == 2)
        withExtendedLifetime(keeping) {}
    }
}
