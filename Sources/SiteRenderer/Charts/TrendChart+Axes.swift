import Formatting
import CoverageModel
import Foundation

// MARK: - Axes, thresholds and legend

extension TrendChart {
    static let labelColor = "#57606a"
    static let labelFont = "font-family=\"sans-serif\" font-size=\"10\" fill=\"\(labelColor)\""

    /// Horizontal gridlines every 20 % with their labels; the 0 % line is the x axis.
    func grid() -> [String] {
        let plot = geometry.plot
        var lines = ["<g class=\"grid\" stroke=\"#d0d7de\" stroke-width=\"1\">"]
        for rate in ChartGeometry.rateTicks.dropFirst() {
            lines.append(horizontalLine(at: geometry.y(rate)))
        }
        lines.append("</g>")
        lines.append("<g class=\"axis\" stroke=\"#57606a\" stroke-width=\"1\">")
        lines.append(horizontalLine(at: plot.bottom))
        lines.append(
            "<line x1=\"\(SVGText.number(plot.left))\" y1=\"\(SVGText.number(plot.top))\""
                + " x2=\"\(SVGText.number(plot.left))\" y2=\"\(SVGText.number(plot.bottom))\"/>")
        lines.append("</g>")
        lines.append("<g class=\"labels\" text-anchor=\"end\" \(Self.labelFont)>")
        for rate in ChartGeometry.rateTicks {
            lines.append(
                "<text x=\"\(SVGText.number(plot.left - 6))\" y=\"\(SVGText.number(geometry.y(rate) + 3.5))\">"
                    + "\(SVGText.number(rate * 100, decimals: 0))%</text>")
        }
        lines.append("</g>")
        return lines
    }

    /// Tick marks and `YYYY-MM-DD` labels at the UTC midnights `ChartGeometry.timeTicks` chooses.
    func timeAxis() -> [String] {
        let plot = geometry.plot
        let ticks = geometry.timeTicks()
        var lines = ["<g class=\"axis\" stroke=\"#57606a\" stroke-width=\"1\">"]
        for tick in ticks {
            let x = SVGText.number(geometry.x(tick))
            lines.append(
                "<line x1=\"\(x)\" y1=\"\(SVGText.number(plot.bottom))\" x2=\"\(x)\""
                    + " y2=\"\(SVGText.number(plot.bottom + 4))\"/>")
        }
        lines.append("</g>")
        lines.append("<g class=\"labels\" text-anchor=\"middle\" \(Self.labelFont)>")
        // A date label is about 60 units wide: keep the outermost ones inside the viewBox.
        let halfLabel = 32.0
        for tick in ticks {
            let x = min(max(geometry.x(tick), halfLabel), geometry.width - halfLabel)
            lines.append(
                "<text x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(plot.bottom + 16))\">"
                    + "\(ISO8601.dateString(from: tick))</text>")
        }
        lines.append("</g>")
        return lines
    }

    /// The target and warning lines, each labelled with its percentage at the right edge.
    func thresholds() -> [String] {
        let levels: [(cssClass: String, label: String, rate: Double?, color: String, labelOffset: Double)] = [
            ("warning", "warning", warning, "#bf8700", 11),
            ("target", "target", target, "#1a7f37", -3),
        ]
        return levels.flatMap { level -> [String] in
            guard let rate = level.rate else { return [] }
            let y = geometry.y(rate)
            return [
                "<g class=\"\(level.cssClass)\">",
                horizontalLine(
                    at: y, attributes: " stroke=\"\(level.color)\" stroke-width=\"1\" stroke-dasharray=\"2 2\""),
                "<text x=\"\(SVGText.number(geometry.plot.right - 2))\" y=\"\(SVGText.number(y + level.labelOffset))\""
                    + " text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"10\" fill=\"\(level.color)\""
                    // A white halo keeps the label readable where it crosses a series.
                    + " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">"
                    + "\(level.label) \(DisplayFormat.percent(rate))</text>",
                "</g>",
            ]
        }
    }

    /// A sample stroke and a name for each series that has data, above the plot.
    func legend() -> [String] {
        var lines = ["<g class=\"legend\" \(Self.labelFont)>"]
        var x = geometry.plot.left
        let y = geometry.plot.top - 12
        for series in Series.all where points.contains(where: { series.value($0) != nil }) {
            lines.append(
                "<line class=\"\(series.cssClass)\" x1=\"\(SVGText.number(x))\" y1=\"\(SVGText.number(y))\""
                    + " x2=\"\(SVGText.number(x + 18))\" y2=\"\(SVGText.number(y))\" \(series.strokeAttributes)/>")
            lines.append(
                "<text x=\"\(SVGText.number(x + 22))\" y=\"\(SVGText.number(y + 3.5))\">"
                    + "\(SVGText.escape(series.legendLabel))</text>")
            x += 30 + Double(series.legendLabel.count) * 6
        }
        lines.append("</g>")
        return lines
    }

    private func horizontalLine(at y: Double, attributes: String = "") -> String {
        let y = SVGText.number(y)
        return "<line x1=\"\(SVGText.number(geometry.plot.left))\" y1=\"\(y)\""
            + " x2=\"\(SVGText.number(geometry.plot.right))\" y2=\"\(y)\"\(attributes)/>"
    }
}
