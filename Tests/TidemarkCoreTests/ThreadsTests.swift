import Foundation
import Synchronization
import Testing

@testable import Concurrency

/// Threads begun on another core (`Threads.detach`): they run their work, and once running they
/// may use every CPU the process may, not only the ones they were started on.
struct ThreadsTests {
    /// The CPUs the calling thread may run on, as Linux lists them (`0-1`).
    static func allowedCPUs() -> String? {
        guard let status = try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }.map {
            $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        }
    }

    final class Seen: Sendable {
        let state = Mutex<(thread: pthread_t?, allowed: String?)>((nil, nil))
        let done = DispatchSemaphore(value: 0)
    }

    @Test("Work runs on a new thread, which may then use every CPU the process may")
    func detachedWorkRunsWithTheProcessCPUs() throws {
        let mine = try #require(Self.allowedCPUs())
        for _ in 0..<8 {
            let seen = Seen()
            Threads.detach {
                seen.state.withLock { $0 = (pthread_self(), Self.allowedCPUs()) }
                seen.done.signal()
            }
            #expect(seen.done.wait(timeout: .now() + 10) == .success)
            let (thread, allowed) = seen.state.withLock { $0 }
            #expect(thread.map { pthread_equal($0, pthread_self()) == 0 } == true)
            // Not left on the CPUs it began on (the creator's excluded).
            #expect(allowed == mine)
        }
    }

    /// What `perform`'s work saw, behind an NSLock: ThreadSanitizer does not see the standard
    /// library's Mutex (a futex), and reported its accesses as races.
    final class Performed: @unchecked Sendable {
        private let lock = NSLock()
        private var state: (runs: [Int], threads: [UInt], waiting: Int) = ([], [], 0)
        func with<Result>(_ body: (inout (runs: [Int], threads: [UInt], waiting: Int)) -> Result) -> Result {
            lock.withLock { body(&state) }
        }
    }

    @Test(
        "perform runs each index once, each on a thread of its own, and returns when all have ended",
        arguments: [0, 1, 2, 8])
    func performRunsEveryIndexOnItsOwnThread(count: Int) {
        let state = Performed()
        Threads.perform(count) { index in
            // Each waits until every other has begun (at most 10 s): the work runs at once on `count` threads.
            state.with { $0.waiting += 1 }
            let deadline = Date().addingTimeInterval(10)
            while state.with({ $0.waiting }) < count, Date() < deadline { usleep(1_000) }
            state.with {
                $0.runs.append(index)
                $0.threads.append(UInt(pthread_self()))
            }
        }
        let (runs, threads, _) = state.with { $0 }
        #expect(runs.sorted() == Array(0..<count))
        #expect(Set(threads).count == count)
    }
}
