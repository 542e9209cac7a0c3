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
}
