import Foundation

/// Results of concurrent work, one slot per task, each written once from any thread: what
/// `DispatchQueue.concurrentPerform` iterations hand back. The one lock-protected box of the project.
public final class Slots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    public init(count: Int) { values = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    public func get(_ index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }

    /// Every slot in order; `nil` where nothing was set.
    public var all: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
