import Foundation

/// A value computed on another thread; `value` waits for it.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () -> Value) {
        Threads.detach { [self] in
            result = work()
            done.signal()
        }
    }

    public var value: Value {
        done.wait()
        done.signal()
        return result!
    }
}
