import CoverageModel
import Foundation

/// Numbers and dates formatted once, for page models only: fixed precision, no locale.
public enum DisplayFormat {
    /// A rate as a percentage with one decimal. Like coverage.py's `display_covered`, a value that
    /// is not exactly 0 % or 100 % never rounds to them: 99.96 % shows as 99.9 %, 0.01 % as 0.1 %.
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "n/a" }
        var tenths = (rate * 1000).rounded()
        if tenths >= 1000, rate < 1 { tenths = 999 }
        if tenths <= 0, rate > 0 { tenths = 1 }
        let whole = Int(tenths) / 10
        let fraction = Int(tenths) % 10
        return "\(whole).\(fraction)%"
    }

    /// A file size in bytes, kB or MB (powers of 1000, one decimal above 1 kB): `812 B`, `4.2 kB`, `1.4 MB`.
    public static func bytes(_ count: Int) -> String {
        if count < 1000 { return "\(count) B" }
        let (unit, scale) = count < 1_000_000 ? ("kB", 1000) : count < 1_000_000_000 ? ("MB", 1_000_000) : ("GB", 1_000_000_000)
        let tenths = (count * 10 + scale / 2) / scale
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }

    /// An integer with thin grouping left out: plain digits, the same everywhere.
    public static func count(_ value: Int) -> String { String(value) }

    /// UTC ISO 8601, seconds precision: `2026-11-30T04:31:17Z`.
    public static func timestamp(_ date: Date?) -> String {
        date.map(ISO8601.string(from:)) ?? "unknown"
    }

    /// The CSS class for a coverage level: one of a small fixed set.
    public static func levelClass(_ rate: Double?) -> String {
        guard let rate else { return "level-none" }
        if rate >= 0.9 { return "level-high" }
        if rate >= 0.75 { return "level-medium" }
        return "level-low"
    }
}

extension DisplayFormat {
    /// A `<meter>` value in 0…100 with one decimal; `0` when nothing can be covered.
    public static func meterValue(_ rate: Double?) -> String {
        guard let rate else { return "0" }
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

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
    /// A change in percentage points with a sign and one decimal: `+2.5 pt`, `−0.3 pt`, `±0.0 pt`; `—` when unknown.
    public static func delta(_ points: Double?) -> String {
        guard let points else { return "—" }
        let tenths = Int((points * 10).rounded())
        if tenths == 0 { return "±0.0 pt" }
        let sign = tenths > 0 ? "+" : "−"
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10) pt"
    }

    /// A signed count: `+4`, `−3`, `0`.
    public static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0"
    }
}

extension DisplayFormat {
    /// A commit as shown: a full hex SHA is shortened to 12 digits; any other name stays whole.
    public static func commit(_ commit: String) -> String {
        // Byte by byte: a CharacterSet per call was a tenth of rendering a 10 000-run history.
        let isSHA = commit.utf8.count > 12 && commit.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
            default: false
            }
        }
        return isSHA ? String(commit.prefix(12)) : commit
    }
}
