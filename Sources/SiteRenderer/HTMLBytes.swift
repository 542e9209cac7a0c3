import Templating

/// Appending markup to a byte buffer without building intermediate strings: the row builders of
/// file and listing pages write hundreds of thousands of rows per large site.
extension [UInt8] {
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends text as is (markup built by Tidemark, such as an SVG, or an already escaped value).
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    mutating func appendDecimal<T: BinaryInteger>(_ value: T) {
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

    /// Appends text escaped exactly as a `{{…}}` tag escapes it (`&`, `<`, `>`, `"`, `'`): the
    /// template engine's own escaping.
    mutating func appendEscaped(_ text: some StringProtocol) {
        HTMLEscaping.escape(String(text), into: &self)
    }
}
