import Concurrency
import Foundation
import Testing

/// A value put once by one thread and waited for by others.
struct HandoffTests {
    @Test("Not put until put; every reader then gets the value; Background's isFinished follows its work")
    func handOver() {
        let handoff = Handoff<Int>()
        let release = DispatchSemaphore(value: 0)
        Threads.detach {
            release.wait()
            handoff.put(42)
        }
        #expect(!handoff.isPut)
        release.signal()
        #expect(handoff.value == 42)
        #expect(handoff.isPut)
        #expect(handoff.value == 42)

        let gate = DispatchSemaphore(value: 0)
        let work = Background { () -> String in
            gate.wait()
            return "done"
        }
        #expect(!work.isFinished)
        gate.signal()
        #expect(work.value == "done")
        #expect(work.isFinished)
    }
}
