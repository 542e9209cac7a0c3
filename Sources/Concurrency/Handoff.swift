import Foundation

/// A value one thread puts once and others wait for: what `Background` hands back when its work
/// ends, and what a thread hands over midway through its work (`SiteBuilder`: the newest run as
/// soon as it is decoded, before its folder trees are built).
public final class Handoff<Value: Sendable>: @unchecked Sendable {
    // Written once, before `done` is signalled; read only after waiting for `done`.
    private var stored: Value?
    private let done = DispatchSemaphore(value: 0)

    public init() {}

    /// Hands `value` over. Call it exactly once.
    public func put(_ value: Value) {
        stored = value
        done.signal()
    }

    /// The value, waiting for it to be put.
    public var value: Value {
        done.wait()
        done.signal()
        return stored!
    }

    /// Whether the value has been put (without waiting).
    public var isPut: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()
        return true
    }
}
