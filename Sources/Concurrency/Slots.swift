import Synchronization

/// Results of concurrent work, one slot per task, each written once from any thread: what
/// `DispatchQueue.concurrentPerform` iterations hand back. Locked by the standard library's `Mutex`,
/// like every other shared state of the project.
public final class Slots<Value: Sendable>: Sendable {
    private let values: Mutex<[Value?]>

    public init(count: Int) { values = Mutex(Array(repeating: nil, count: count)) }

    public func set(_ index: Int, _ value: Value) {
        values.withLock { $0[index] = value }
    }

    public func get(_ index: Int) -> Value? {
        values.withLock { $0[index] }
    }

    /// The value of slot `index`, moved out (the slot is left empty): a value taken is not shared
    /// with the slot, so an array taken can be changed without being copied first.
    public func take(_ index: Int) -> Value? {
        values.withLock { values in
            var value: Value? = nil
            swap(&value, &values[index])
            return value
        }
    }

    /// Every slot in order; `nil` where nothing was set.
    public var all: [Value?] {
        values.withLock { $0 }
    }
}
