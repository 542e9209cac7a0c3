import CoverageModel
import Formatting
import Foundation

// MARK: - Axes and thresholds

extension TrendChart {
    /// Gridlines on the rate ticks with their labels, and the plot's left and bottom edges.
    func grid(_ geometry: ChartGeometry) -> [String] {
        let plot = geometry.plot
        var lines = ["<g class=\"grid\" stroke=\"#d0d7de\" stroke-width=\"1\">"]
        for rate in geometry.scale.ticks.dropFirst() { lines.append(horizontalLine(at: geometry.y(rate), geometry)) }
        lines.append("</g>")
        lines.append("<g class=\"axis\" stroke=\"#57606a\" stroke-width=\"1\">")
        lines.append(horizontalLine(at: plot.bottom, geometry))
        lines.append(
            "<line x1=\"\(SVGText.number(plot.left))\" y1=\"\(SVGText.number(plot.top))\""
                + " x2=\"\(SVGText.number(plot.left))\" y2=\"\(SVGText.number(plot.bottom))\"/>")
        lines.append("</g>")
        lines.append("<g class=\"labels\" text-anchor=\"end\" \(Self.font(geometry.layout))>")
        let baseline = geometry.layout.fontSize * 0.35
        for rate in geometry.scale.ticks {
            lines.append(
                "<text x=\"\(SVGText.number(plot.left - 6))\" y=\"\(SVGText.number(geometry.y(rate) + baseline))\">"
                    + "\(geometry.scale.label(rate))</text>")
        }
        lines.append("</g>")
        return lines
    }

    /// A tick and a label under each run that begins a day (or month, or year): `RunAxis`.
    func runLabels(_ geometry: ChartGeometry) -> [String] {
        let axis = RunAxis(times: points.map(\.time), geometry: geometry)
        let plot = geometry.plot
        let layout = geometry.layout
        var lines = ["<g class=\"axis\" stroke=\"#57606a\" stroke-width=\"1\">"]
        for label in axis.labels {
            let x = SVGText.number(geometry.x(label.index))
            lines.append(
                "<line x1=\"\(x)\" y1=\"\(SVGText.number(plot.bottom))\" x2=\"\(x)\" "
                    + "y2=\"\(SVGText.number(plot.bottom + 5))\"/>"
            )
        }
        lines.append("</g>")
        lines.append("<g class=\"labels\" text-anchor=\"middle\" \(Self.font(layout))>")
        for label in axis.labels {
            // Keep the outermost labels inside the drawing.
            let half = Double(label.text.count) * layout.fontSize * 0.3
            let x = min(max(geometry.x(label.index), half + 2), layout.width - half - 2)
            lines.append(
                "<text x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(plot.bottom + 7 + layout.fontSize))\">"
                    + "\(SVGText.escape(label.text))</text>")
        }
        lines.append("</g>")
        return lines
    }

    /// The configured target and warning lines, one line per level and value (lines and branches
    /// with the same value share it).
    func thresholdLines(_ geometry: ChartGeometry) -> [String] {
        Self.merged(thresholds).map { level, rate, _ -> String in
            let look = Self.thresholdLook(level)
            return "<g class=\"\(level.rawValue)\">"
                + horizontalLine(
                    at: geometry.y(rate), geometry,
                    attributes: " stroke=\"\(look.color)\" stroke-width=\"1.5\" stroke-dasharray=\"\(look.dashes)\"")
                + "</g>"
        }
    }

    /// The labels of the threshold lines, each inside the plot where it fits without covering
    /// another label: above its line at the left, else further right, else below it. A label that
    /// fits nowhere is left out (the legend below the chart names every line). Drawn over the
    /// series and the other lines, each on a halo (the same text, stroked in the background colour;
    /// `paint-order` would do it in one element but is not allowed on SVG text in HTML), so a line
    /// or series crossing it does not make it unreadable where the lines lie close together.
    func thresholdLabels(_ geometry: ChartGeometry) -> [String] {
        let layout = geometry.layout
        var placed: [(x: Double, y: Double, width: Double)] = []
        return Self.merged(thresholds).compactMap { level, rate, metrics -> String? in
            let text = Self.thresholdLabel(level, metrics: metrics, rate: rate)
            guard
                let spot = Self.labelSpot(
                    width: Double(text.count) * layout.fontSize * 0.55, lineY: geometry.y(rate), geometry,
                    avoiding: placed)
            else { return nil }
            placed.append(spot)
            let at = "x=\"\(SVGText.number(spot.x))\" y=\"\(SVGText.number(spot.y))\""
            return "<g class=\"\(level.rawValue)\">"
                + "<text class=\"halo\" \(at) \(Self.font(layout, color: "#ffffff")) stroke=\"#ffffff\" "
                + "stroke-width=\"3\" aria-hidden=\"true\">\(SVGText.escape(text))</text>"
                + "<text \(at) \(Self.font(layout, color: Self.thresholdLook(level).color))>"
                + "\(SVGText.escape(text))</text></g>"
        }
    }

    private static func thresholdLook(_ level: ChartThreshold.Level) -> (color: String, dashes: String) {
        level == .target ? (color: "#1a7f37", dashes: "6 3") : (color: "#9a6700", dashes: "2 3")
    }

    /// Where a threshold label of `width` goes (its baseline's left end), or nil when it fits nowhere.
    private static func labelSpot(
        width: Double, lineY: Double, _ geometry: ChartGeometry,
        avoiding placed: [(x: Double, y: Double, width: Double)]
    ) -> (x: Double, y: Double, width: Double)? {
        let plot = geometry.plot
        let size = geometry.layout.fontSize
        let baselines = [lineY - 4, lineY + size + 2].filter { $0 - size >= plot.top && $0 <= plot.bottom - 2 }
        let lefts = [plot.left + 6] + placed.map { $0.x + $0.width + 12 } + [plot.right - 4 - width]
        // Above the line anywhere along it beats below it: a label under its line reads as the next one's.
        for y in baselines {
            for x in lefts.sorted() where x >= plot.left + 6 && x + width <= plot.right - 4 {
                let clear = placed.allSatisfy { other in
                    abs(other.y - y) >= size + 2 || x >= other.x + other.width + 8 || x + width + 8 <= other.x
                }
                if clear { return (x, y, width) }
            }
        }
        return nil
    }

    /// Thresholds with the same level and value drawn once: (level, rate, metrics), targets first.
    static func merged(_ thresholds: [ChartThreshold]) -> [(ChartThreshold.Level, Double, [Metric])] {
        var result: [(ChartThreshold.Level, Double, [Metric])] = []
        for threshold in thresholds.sorted(by: {
            ($0.level == .target ? 0 : 1, -$0.rate) < ($1.level == .target ? 0 : 1, -$1.rate)
        }) {
            if let index = result.firstIndex(where: { $0.0 == threshold.level && abs($0.1 - threshold.rate) < 1e-12 }) {
                result[index].2.append(threshold.metric)
            } else {
                result.append((threshold.level, threshold.rate, [threshold.metric]))
            }
        }
        return result
    }

    /// `line target 100%`, `line and branch warning 95%`.
    static func thresholdLabel(_ level: ChartThreshold.Level, metrics: [Metric], rate: Double) -> String {
        let names = Metric.allCases.filter(metrics.contains).map(\.rawValue).joined(separator: " and ")
        return "\(names) \(level.rawValue) \(DisplayFormat.level(rate))"
    }

    func horizontalLine(at y: Double, _ geometry: ChartGeometry, attributes: String = "") -> String {
        let y = SVGText.number(y)
        return "<line x1=\"\(SVGText.number(geometry.plot.left))\" y1=\"\(y)\""
            + " x2=\"\(SVGText.number(geometry.plot.right))\" y2=\"\(y)\"\(attributes)/>"
    }
}
