/// A tiny line of rates for tables: 80×16, no axes, gaps where a rate is missing.
///
/// Classes: `sparkline` on the `<svg>`, `sparkline-line` on each segment, `sparkline-point`
/// for the dot of a lone value.
struct Sparkline: Sendable {
    static let width = 80.0
    static let height = 16.0
    /// Keeps the stroke inside the box at 0 % and 100 %.
    static let padding = 1.5

    let label: String
    let rates: [Double?]

    /// - Parameters:
    ///   - label: the accessible name, also the `<title>`.
    ///   - rates: oldest first, each 0…1; nil leaves a gap.
    init(label: String, rates: [Double?]) {
        self.label = label
        self.rates = rates
    }

    /// A complete inline `<svg>` element (no trailing newline).
    func svg() -> String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The `<svg>` element appended as bytes: every file and directory has one, so a large site
    /// draws tens of thousands.
    func append(to out: inout [UInt8]) {
        var escaped: [UInt8] = []
        escaped.appendSVGEscaped(label)
        out.reserveCapacity(out.count + 300 + escaped.count * 2 + rates.count * 10)
        out.append(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 16" width="80" height="16" role="img" aria-label=""#)
        out.append(contentsOf: escaped)
        out.append(#"" class="sparkline">"#)
        out.append("\n<title>")
        out.append(contentsOf: escaped)
        out.append("</title>")
        // Each run of values (as `segments(of:)` splits them) drawn straight from the values.
        let values = Self.bucketed(rates, into: Int(Self.width))
        func usable(_ index: Int) -> Bool { values[index].map(\.isFinite) ?? false }
        var start = 0
        while start < values.count {
            guard usable(start) else {
                start += 1
                continue
            }
            var end = start + 1
            while end < values.count, usable(end) { end += 1 }
            out.append("\n")
            if end - start == 1 {
                let point = self.point(start, of: values)
                out.append(#"<circle class="sparkline-point" cx=""#)
                out.appendFixed(point.x)
                out.append(#"" cy=""#)
                out.appendFixed(point.y)
                out.append(#"" r="1.5" fill="currentColor"/>"#)
            } else {
                out.append(#"<polyline class="sparkline-line" fill="none" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round" points=""#)
                for index in start..<end {
                    if index > start { out.append(" ") }
                    let point = self.point(index, of: values)
                    out.appendFixed(point.x)
                    out.append(",")
                    out.appendFixed(point.y)
                }
                out.append(#""/>"#)
            }
            start = end
        }
        out.append("\n</svg>")
    }

    /// The coordinates of a finite value at `index`.
    private func point(_ index: Int, of values: [Double?]) -> (x: Double, y: Double) {
        let usable = Self.width - 2 * Self.padding
        let step = values.count > 1 ? usable / Double(values.count - 1) : 0
        let value = values[index] ?? 0
        let x = values.count > 1 ? Self.padding + Double(index) * step : Self.width / 2
        let y = Self.height - Self.padding - min(max(value, 0), 1) * (Self.height - 2 * Self.padding)
        return (x, y)
    }

    /// At most `count` values: beyond that, consecutive rates are averaged per bucket (nil when a
    /// bucket has no value), so a long history stays one point per pixel.
    static func bucketed(_ rates: [Double?], into count: Int) -> [Double?] {
        guard rates.count > count, count > 0 else { return rates }
        return (0..<count).map { bucket in
            let values = rates[(bucket * rates.count / count)..<((bucket + 1) * rates.count / count)]
                .compactMap { $0 }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
    }
}
