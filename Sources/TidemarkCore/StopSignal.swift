import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM: finish the current tick, then stop. Sleeping between ticks wakes at once.
public final class StopSignal: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var sources: [any DispatchSourceSignal] = []
    private let requested = Mutex(false)

    public init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    public var isRequested: Bool {
        requested.withLock { $0 }
    }

    private func request() {
        requested.withLock { $0 = true }
        semaphore.signal()
    }

    /// Sleeps for `seconds` without using the CPU, or until a stop is requested.
    public func sleep(_ seconds: TimeInterval) {
        guard !isRequested else { return }
        _ = semaphore.wait(timeout: .now() + seconds)
    }
}
