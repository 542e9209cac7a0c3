import Formatting

/// A tiny line of rates for tables: 80×16, no axes, gaps where a rate is missing.
///
/// Every row of a table gets rates for the same columns (`RecentRates`), so the same run sits at
/// the same x in every row. The y scale fits the row's values with a span of at least 10 points,
/// so a one-point wobble stays small and a real drop shows. The `<title>` (the accessible name and
/// the tooltip) lists the values.
///
/// Classes: `sparkline` on the `<svg>`, `sparkline-line` on each segment, `sparkline-point`
/// for the dot of a lone value.
struct Sparkline: Sendable {
    static let width = 80.0
    static let height = 16.0
    /// Keeps the stroke inside the box at the ends of the scale.
    static let padding = 1.5
    /// The smallest span of rates drawn over the full height.
    static let minimumSpan = 0.1

    /// What the line is of; the `<title>` adds the values.
    let label: String
    /// Oldest first, each 0…1; nil leaves a gap.
    let rates: [Double?]

    /// A complete inline `<svg>` element (no trailing newline).
    func svg() -> String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The `<svg>` element appended as bytes: every file and directory has one, so a large site
    /// draws tens of thousands.
    func append(to out: inout [UInt8]) {
        let values = Self.bucketed(rates, into: Int(Self.width))
        out.reserveCapacity(out.count + 300 + label.utf8.count + values.count * 18)
        out.append(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 16" width="80" height="16""#)
        out.append(#" role="img" class="sparkline">"#)
        out.append("\n<title>")
        out.appendSVGEscaped(label)
        out.append(": ")
        out.append(Self.valuesText(values))
        out.append("</title>")
        let scale = Self.scale(of: values)
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
            if end - start == 1, values.count > 1 {
                let point = self.point(start, of: values, scale: scale)
                out.append(#"<circle class="sparkline-point" cx=""#)
                out.appendFixed(point.x)
                out.append(#"" cy=""#)
                out.appendFixed(point.y)
                out.append(#"" r="1.5" fill="currentColor"/>"#)
            } else {
                out.append(#"<polyline class="sparkline-line" fill="none" stroke="currentColor""#)
                out.append(#" stroke-width="1.2" stroke-linejoin="round" points=""#)
                // A single column is a value that held over every run shown: a flat line across.
                let points =
                    values.count == 1
                    ? [
                        (Self.padding, point(0, of: values, scale: scale).y),
                        (Self.width - Self.padding, point(0, of: values, scale: scale).y),
                    ]
                    : (start..<end).map { point($0, of: values, scale: scale) }
                for (offset, point) in points.enumerated() {
                    if offset > 0 { out.append(" ") }
                    out.appendFixed(point.0)
                    out.append(",")
                    out.appendFixed(point.1)
                }
                out.append(#""/>"#)
            }
            start = end
        }
        out.append("\n</svg>")
    }

    /// The coordinates of a finite value at `index`.
    private func point(_ index: Int, of values: [Double?], scale: ClosedRange<Double>) -> (x: Double, y: Double) {
        let usable = Self.width - 2 * Self.padding
        let value = min(max(values[index] ?? scale.lowerBound, scale.lowerBound), scale.upperBound)
        let x = values.count > 1 ? Self.padding + Double(index) * usable / Double(values.count - 1) : Self.width / 2
        let share = (value - scale.lowerBound) / (scale.upperBound - scale.lowerBound)
        return (x, Self.height - Self.padding - share * (Self.height - 2 * Self.padding))
    }

    /// The rates drawn from bottom to top: the values' range widened to `minimumSpan` around its
    /// middle, kept inside 0…1.
    static func scale(of values: [Double?]) -> ClosedRange<Double> {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        if high - low >= minimumSpan { return low...high }
        let lower = min(max((low + high) / 2 - minimumSpan / 2, 0), 1 - minimumSpan)
        return lower...(lower + minimumSpan)
    }

    /// `90.0%, 91.2%, — , 95.0% ×3`: the values oldest first, repeats counted, gaps as dashes.
    static func valuesText(_ values: [Double?]) -> String {
        var parts: [(text: String, count: Int)] = []
        for value in values {
            let text = value.map { $0.isFinite ? DisplayFormat.percent($0) : "—" } ?? "—"
            if parts.last?.text == text { parts[parts.count - 1].count += 1 } else { parts.append((text, 1)) }
        }
        guard !parts.isEmpty else { return "no runs" }
        return parts.map { $0.count == 1 ? $0.text : "\($0.text) ×\($0.count)" }.joined(separator: ", ")
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
