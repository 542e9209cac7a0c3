import Foundation

/// JSON as Tidemark writes it everywhere (summaries, listings, exports, the alert log): keys in the
/// order given, one space after `:` and `,`, strings escaped as Foundation's JSONEncoder escapes them. Hand-written
/// because exports and listings hold thousands of runs (docs/performance.md).
public enum JSONText {
    /// A JSON string literal, or `null`.
    public static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2)
        appendString(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, … or
    /// `\u00xx` (what Foundation's JSONEncoder writes, so exports keep their bytes), everything else
    /// as it is, `/` included.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)],
                        digits[Int(byte & 0xf)],
                    ])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A number with up to 6 decimals (a rate, or a change in points), or `null`.
    public static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        let micro = Int((abs(value) * 1_000_000).rounded())
        let whole = micro / 1_000_000
        var fraction = String(micro % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && micro > 0 ? "-" : ""
        return sign + (fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)")
    }

    /// `{"key": value, …}` from pairs whose values are already JSON.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
