extension [UInt8] {
    /// Appends `value` in plain ASCII digits, `-` first when it is negative: how integers go into byte
    /// buffers (listing rows, source stamps). `ByteSink.appendDecimal` is the same for the source rows'
    /// own buffer, kept because it writes in place without growing an array.
    ///
    /// Inlinable so that callers in other modules get it specialized for their integer type: unspecialized,
    /// each digit went through the `BinaryInteger` witnesses.
    @inlinable
    public mutating func appendDecimal<T: BinaryInteger>(_ value: T) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = 20
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[first..<20]))
        }
    }
}
