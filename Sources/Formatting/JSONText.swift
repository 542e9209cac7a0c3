import Foundation

/// Hand-written JSON for listings of thousands of runs: JSONEncoder took ~50 µs per run object.
public enum JSONText {
    public static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
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
