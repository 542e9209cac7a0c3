/// A standalone shields.io-style flat badge: `coverage | 87.5%`.
struct Badge: Sendable {
    static let height = 20.0
    /// Space left and right of each text.
    static let padding = 6.0

    let label: String
    let message: String
    /// A hex colour such as `#4c1`; anything else falls back to grey.
    let color: String

    /// Green at or above `target` (default 90 %), yellow at or above `warning` (default 75 %),
    /// red below, grey when there is no rate. Compares raw rates, not the rounded display.
    static func color(forRate rate: Double?, target: Double?, warning: Double?) -> String {
        guard let rate else { return "#9f9f9f" }
        if rate >= (target ?? 0.9) { return "#4c1" }
        if rate >= (warning ?? 0.75) { return "#dfb317" }
        return "#e05d44"
    }

    /// Approximate width of `text` in Verdana 11px, in SVG units: the per-class averages of
    /// shields.io's width table, close enough that text never overflows its box.
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar {
            case "i", "l", "j", "'", ".", ",", ":", ";", "|", "!", "I": width + 3.7
            case " ", "f", "t", "r", "(", ")", "[", "]": width + 4.6
            case "m", "w", "M", "W", "%", "@": width + 10.5
            case "A"..."Z": width + 7.6
            case "0"..."9": width + 7.0
            default: width + (scalar.isASCII ? 6.6 : 8.0)
            }
        }
    }

    /// A complete SVG document (no XML declaration) ending in a newline, ready to write to a file.
    func svg() -> String {
        let labelWidth = (Self.textWidth(label) + 2 * Self.padding).rounded(.up)
        let messageWidth = (Self.textWidth(message) + 2 * Self.padding).rounded(.up)
        let (left, right) = (SVGText.number(labelWidth, decimals: 0), SVGText.number(messageWidth, decimals: 0))
        let total = SVGText.number(labelWidth + messageWidth, decimals: 0)
        let name = SVGText.escape("\(label): \(message)")
        let fill = Self.isHexColor(color) ? color : "#9f9f9f"
        let texts = [
            (SVGText.escape(label), labelWidth / 2), (SVGText.escape(message), labelWidth + messageWidth / 2),
        ]
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(total)\" height=\"20\" role=\"img\""
                + " aria-label=\"\(name)\">",
            "<title>\(name)</title>",
            "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
                + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>",
            "<clipPath id=\"r\"><rect width=\"\(total)\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>",
            "<g clip-path=\"url(#r)\">",
            "<rect width=\"\(left)\" height=\"20\" fill=\"#555\"/>",
            "<rect x=\"\(left)\" width=\"\(right)\" height=\"20\" fill=\"\(fill)\"/>",
            "<rect width=\"\(total)\" height=\"20\" fill=\"url(#s)\"/>",
            "</g>",
            "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
                + " font-size=\"11\">",
        ]
        for (text, center) in texts {
            let x = SVGText.number(center)
            lines.append("<text x=\"\(x)\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">\(text)</text>")
            lines.append("<text x=\"\(x)\" y=\"14\">\(text)</text>")
        }
        lines += ["</g>", "</svg>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `#rgb` or `#rrggbb`: the only colours written, so the attribute needs no escaping.
    static func isHexColor(_ text: String) -> Bool {
        let digits = text.dropFirst()
        return text.first == "#" && (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
    }
}
