import Formatting
import Foundation
import Templating

/// Text and numbers for generated SVG: escaped, fixed-decimal, the same bytes on every machine.
enum SVGText {
    /// `appendSVGEscaped` as a string.
    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.appendSVGEscaped(text)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    ///
    /// Integer arithmetic only, so no locale, no `String(describing:)`, and never `-0.0`.
    /// Non-finite values come out as zero; they would be invalid SVG anyway.
    static func number(_ value: Double, decimals: Int = 1) -> String {
        let decimals = min(max(decimals, 0), 6)
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = value * Double(scale)
        guard scaled.isFinite, abs(scaled) < 9e15 else { return number(0, decimals: decimals) }
        let units = Int64(scaled.rounded(.toNearestOrAwayFromZero))
        let magnitude = units.magnitude
        let whole = String(magnitude / UInt64(scale))
        let sign = units < 0 ? "-" : ""
        guard decimals > 0 else { return sign + whole }
        let fraction = String(magnitude % UInt64(scale))
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// An ASCII identifier fragment: lowercase letters and digits, runs of anything else as one `-`.
    ///
    /// `"Python (3.12)"` → `"python-3-12"`; an empty result becomes `"chart"`.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "chart" : result
    }

    /// `slug(text)`, with a hash of `text` added unless the slug spells it exactly (lowercase ASCII
    /// words joined by single spaces): `"python coverage"` → `"python-coverage"`, while `"é coverage"`
    /// and `"ü coverage"`, or `"a-b"` and `"a b"`, get ids of their own.
    static func uniqueSlug(_ text: String) -> String {
        let plain = slug(text)
        if plain.replacingOccurrences(of: "-", with: " ") == text { return plain }
        var key = PageKey()
        key.add(text)
        return plain + "-" + key.short
    }

    /// `x1,y1 x2,y2 …` for a `points` attribute.
    static func points(_ coordinates: [(x: Double, y: Double)]) -> String {
        coordinates.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
    }
}

extension [UInt8] {
    /// Appends `text` for SVG element text or an attribute value: escaped by `HTMLEscaping` (`& < > " '`),
    /// the one escaper of every page, with the characters XML 1.0 forbids dropped first (C0 controls but
    /// tab, LF and CR; U+FFFE, U+FFFF): one stray byte from a commit message would otherwise make the SVG
    /// unparsable. HTML tolerates them, so only SVG pays for this check.
    mutating func appendSVGEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0xEF }) else {
                return HTMLEscaping.escape(bytes, into: &self)
            }
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                    index += 3
                    continue
                }
                if byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { kept.append(byte) }
                index += 1
            }
            kept.withUnsafeBufferPointer { HTMLEscaping.escape($0, into: &self) }
        }
    }

    /// `SVGText.number(value, decimals: 1)` appended as bytes.
    mutating func appendFixed(_ value: Double) {
        let scaled = value * 10
        guard scaled.isFinite, abs(scaled) < 9e15 else { return append("0.0") }
        let units = Int64(scaled.rounded(.toNearestOrAwayFromZero))
        if units < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(units.magnitude / 10)
        append(UInt8(ascii: "."))
        append(UInt8(ascii: "0") + UInt8(units.magnitude % 10))
    }
}
