/// A value computed on another thread; `value` waits for it.
public final class Background<Value: Sendable>: Sendable {
    private let result = Handoff<Value>()

    public init(_ work: @escaping @Sendable () -> Value) {
        Threads.detach { [result] in result.put(work()) }
    }

    public var value: Value { result.value }

    /// Whether the work has ended (without waiting).
    public var isFinished: Bool { result.isPut }
}
