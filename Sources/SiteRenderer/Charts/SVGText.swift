import Foundation

/// Text and numbers for generated SVG: escaped, fixed-decimal, the same bytes on every machine.
enum SVGText {
    /// Escapes `& < > " '` for use in element text and in attribute values.
    ///
    /// Control characters that XML 1.0 forbids (everything below U+0020 except tab, LF and CR)
    /// are dropped: one stray byte from a commit message would otherwise make the SVG unparsable.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
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

    /// `x1,y1 x2,y2 …` for a `points` attribute.
    static func points(_ coordinates: [(x: Double, y: Double)]) -> String {
        coordinates.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
    }
}

extension [UInt8] {
    /// `SVGText.escape` appended as bytes.
    mutating func appendSVGEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that stay as they are are copied whole (a byte-by-byte append was a
            // hundredth of a large render: every listing row's sparkline has its label twice).
            var runStart = 0
            var index = 0
            func flush() {
                if runStart < index { append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                let replacement: StaticString?
                var skipped = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0A, 0x0D:
                    index += 1
                    continue
                case 0..<0x20: replacement = ""
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    replacement = ""  // U+FFFE, U+FFFF
                    skipped = 3
                default:
                    index += 1
                    continue
                }
                flush()
                if let replacement { append(replacement) }
                index += skipped
                runStart = index
            }
            flush()
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
