import Formatting
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

    /// Appends text escaped exactly as a `{{…}}` tag escapes it (`&`, `<`, `>`, `"`, `'`): the
    /// template engine's own escaping.
    mutating func appendEscaped(_ text: some StringProtocol) {
        HTMLEscaping.escape(String(text), into: &self)
    }
}

/// The same for the byte sinks of the row builders.
extension ByteSink {
    /// Appends text escaped exactly as a `{{…}}` tag escapes it (`&`, `<`, `>`, `"`, `'`), written
    /// straight into the sink.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    /// The same for UTF-8 bytes.
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        let extra = HTMLEscaping.extraByteCount(bytes)
        guard extra > 0 else { return append(bytes) }
        // Eight spare bytes: the escaping stores entities as whole words.
        append(upTo: bytes.count + extra + 8) { HTMLEscaping.write(bytes, escapedTo: $0) }
    }

    /// A rate as `DisplayFormat.percent` shows it (`87.7%`, `n/a`), without a string.
    mutating func appendPercent(_ rate: Double?) {
        guard let rate else { return append("n/a") }
        let tenths = DisplayFormat.tenthsOfPercent(rate)
        appendDecimal(tenths / 10)
        append(UInt8(ascii: "."))
        append(UInt8(ascii: "0") + UInt8(tenths % 10))
        append(UInt8(ascii: "%"))
    }
}

enum HTMLBytes {
    /// Whether every byte is below 0x80 (then the bytes are valid UTF-8 without a closer look),
    /// eight bytes at a time.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var index = 0
            var seen: UInt64 = 0
            while index + 8 <= raw.count {
                seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < raw.count {
                seen |= UInt64(raw[index])
                index += 1
            }
            return seen & 0x8080_8080_8080_8080 == 0
        }
    }
}
