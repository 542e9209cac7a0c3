import CoverageModel
import Foundation

/// Numbers and dates formatted once, for page models only: fixed precision, no locale.
public enum DisplayFormat {
    /// A rate as a percentage with one decimal. Like coverage.py's `display_covered`, a value that
    /// is not exactly 0 % or 100 % never rounds to them: 99.96 % shows as 99.9 %, 0.01 % as 0.1 %.
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "n/a" }
        return oneDecimal(tenths: tenthsOfPercent(rate)) + "%"
    }

    /// The rate in tenths of a percent as `percent` shows it: never 100.0 below 1, never 0.0 above 0.
    public static func tenthsOfPercent(_ rate: Double) -> Int {
        var tenths = (rate * 1000).rounded()
        if tenths >= 1000, rate < 1 { tenths = 999 }
        if tenths <= 0, rate > 0 { tenths = 1 }
        return Int(tenths)
    }

    /// A file size in bytes, kB or MB (powers of 1000, one decimal above 1 kB): `812 B`, `4.2 kB`, `1.4 MB`.
    public static func bytes(_ count: Int) -> String {
        if count < 1000 { return "\(count) B" }
        let (unit, scale) =
            count < 1_000_000 ? ("kB", 1000) : count < 1_000_000_000 ? ("MB", 1_000_000) : ("GB", 1_000_000_000)
        let tenths = (count * 10 + scale / 2) / scale
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }

    /// A configured level as people write it: `90%`, `97.5%`, `99.95%` (up to two decimals, no
    /// trailing zeros), so a target reads as it was set rather than as a measured rate.
    public static func level(_ rate: Double) -> String {
        let hundredths = Int((rate * 10_000).rounded())
        var text = "\(hundredths / 100)"
        let fraction = hundredths % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text + "%"
    }

    /// An integer with thin grouping left out: plain digits, the same everywhere.
    public static func count(_ value: Int) -> String { String(value) }

    /// UTC ISO 8601, seconds precision: `2026-11-30T04:31:17Z`.
    public static func timestamp(_ date: Date?) -> String {
        date.map(ISO8601.string(from:)) ?? "unknown"
    }
}

extension DisplayFormat {
    /// `12 passed, 1 failed, 0 errors, 2 skipped` plus collection errors when there are any.
    public static func tests(_ results: TestResults) -> String {
        var parts = [
            "\(results.passed) passed", "\(results.failures) failed", "\(results.errors) errors",
            "\(results.skipped) skipped",
        ]
        if results.collectionErrors > 0 { parts.append("\(results.collectionErrors) collection errors") }
        return "\(results.tests) tests: " + parts.joined(separator: ", ")
    }
}

extension DisplayFormat {
    /// A change in percentage points with an arrow, a sign and one decimal: `▲ +2.5 pt`, `▼ −0.3 pt`,
    /// `±0.0 pt`; `—` when unknown. The arrow says the direction where colour cannot (print, colour
    /// blindness, a terminal without colour).
    public static func delta(_ points: Double?) -> String {
        guard let points else { return "—" }
        let tenths = Int((points * 10).rounded())
        if tenths == 0 { return "±0.0 pt" }
        return (tenths > 0 ? "▲ +" : "▼ ") + Self.points(points)
    }

    /// A change in percentage points with one decimal, `−` before a fall: `5.1 pt`, `−0.3 pt`.
    public static func points(_ points: Double) -> String {
        oneDecimal(tenths: Int((points * 10).rounded())) + " pt"
    }

    /// A relative change of a count as a signed percentage: `+5.0%`, `−12.5%`.
    public static func signedShare(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return (tenths >= 0 ? "+" : "") + oneDecimal(tenths: tenths) + "%"
    }

    /// `tenths` as a number with one decimal, `−` (U+2212, as every sign on the pages) when negative.
    static func oneDecimal(tenths: Int) -> String {
        let magnitude = tenths.magnitude
        // As bytes, then one string: an interpolation per number was a large part of every page's totals.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        if tenths < 0 { bytes.append(contentsOf: "−".utf8) }
        bytes.appendDecimal(magnitude / 10)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The CSS class of a change as `delta` shows it: `change-up`, `change-down`, or `change-none`
    /// (no change at one decimal, or unknown).
    public static func deltaClass(_ points: Double?) -> String {
        guard let points else { return "change-none" }
        let tenths = Int((points * 10).rounded())
        return tenths > 0 ? "change-up" : tenths < 0 ? "change-down" : "change-none"
    }

    /// A signed count: `+4`, `−3`, `0`.
    public static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0"
    }
}

extension DisplayFormat {
    /// A commit as shown: a full hex SHA is shortened to 12 digits; any other name stays whole.
    public static func commit(_ commit: String) -> String {
        // Byte by byte: a history page asks this of every run, and a CharacterSet per call is dear.
        let isSHA =
            commit.utf8.count > 12
            && commit.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                    UInt8(ascii: "A")...UInt8(ascii: "F"):
                    true
                default: false
                }
            }
        return isSHA ? String(commit.prefix(12)) : commit
    }
}
