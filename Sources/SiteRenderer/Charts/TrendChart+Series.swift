import Formatting
import Foundation

// MARK: - Series

extension TrendChart {
    /// One line on the chart: which rate it draws and how it looks. Both series go through `draw`.
    struct Series: Sendable {
        let cssClass: String
        /// The class of its latest value's label (not `cssClass`: that one styles strokes).
        let valueClass: String
        let name: String
        let color: String
        /// A `stroke-dasharray` value, or nil for a solid line.
        let dashes: String?
        let value: @Sendable (TrendPoint) -> Double?

        static let lines = Series(
            cssClass: "trend-line", valueClass: "value-line", name: "Line coverage", color: "#0969da", dashes: nil,
            value: { $0.lineRate })
        static let branches = Series(
            cssClass: "trend-branch", valueClass: "value-branch", name: "Branch coverage", color: "#8250df",
            dashes: "6 3", value: { $0.branchRate })
        static let all = [lines, branches]

        /// Presentation attributes for a stroke in this series' look.
        var strokeAttributes: String {
            "fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (dashes.map { " stroke-dasharray=\"\($0)\"" } ?? "")
        }
    }

    /// The series as `<polyline>` segments over the shown runs, broken wherever a run has no value
    /// (a failed run, or one that did not measure this rate). A segment of one point repeats it,
    /// so the round line cap still shows a dot.
    func draw(_ series: Series, over shown: [Int], _ geometry: ChartGeometry) -> [String] {
        var segments: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for index in shown {
            let point = points[index]
            guard point.kind != .failed, let rate = series.value(point) else {
                if !current.isEmpty { segments.append(current) }
                current = []
                continue
            }
            current.append((geometry.x(index), geometry.y(rate)))
        }
        if !current.isEmpty { segments.append(current) }
        // The class and look sit once on the group: a history full of gaps has hundreds of segments.
        let polylines = segments.map { segment in
            "<polyline points=\"\(SVGText.points(segment.count == 1 ? segment + segment : segment))\"/>"
        }
        return ["<g class=\"\(series.cssClass)\" \(series.strokeAttributes)>"] + polylines + ["</g>"]
    }

    // MARK: - Markers

    /// One mark per shown run: measured runs a filled circle on the line series, runs with broken
    /// tests a hollow one at their value, runs with nothing to measure a hollow grey one on the
    /// bottom edge, failed measurements a red cross on the bottom edge. Marks are grouped by look so
    /// fill and stroke are written once per group; in layouts with tooltips each carries its run's.
    func markers(for shown: [Int], _ geometry: ChartGeometry) -> [String] {
        let layout = geometry.layout
        let blue = Series.lines.color
        let looks: [(Mark, String)] = [
            (.measured, "fill=\"\(blue)\" stroke=\"\(blue)\""),
            (.untrusted, "fill=\"#ffffff\" stroke=\"\(blue)\""),
            (.missing, "fill=\"#ffffff\" stroke=\"#57606a\""),
            (.failed, "fill=\"#ffffff\" fill-opacity=\"0\" stroke=\"#cf222e\""),
        ]
        let placed = shown.map { (index: $0, mark: Mark(points[$0])) }
        return looks.flatMap { mark, look -> [String] in
            let members = placed.filter { $0.mark == mark }
            guard !members.isEmpty else { return [] }
            let width = mark == .failed ? "2" : "1.5"
            let body = members.map { member -> String in
                let x = geometry.x(member.index)
                let title = layout.hasTooltips ? "<title>\(SVGText.escape(points[member.index].tooltip))</title>" : ""
                guard mark != .failed else { return failedMark(x: x, geometry, title: title) }
                let y =
                    mark == .missing
                    ? geometry.plot.bottom - layout.markerRadius - 1 : geometry.y(points[member.index].lineRate ?? 0)
                return "<circle class=\"\(mark.cssClass)\" cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\""
                    + " r=\"\(SVGText.number(layout.markerRadius))\">\(title)</circle>"
            }
            return ["<g class=\"trend-points\" \(look) stroke-width=\"\(width)\">"] + body + ["</g>"]
        }
    }

    /// A cross on the bottom edge with an invisible disc under it, so the tooltip is easy to hover.
    private func failedMark(x: Double, _ geometry: ChartGeometry, title: String) -> String {
        let size = geometry.layout.markerRadius + 1
        let y = geometry.plot.bottom - size - 2
        let (left, right, top, bottom) = (x - size, x + size, y - size, y + size)
        return "<g class=\"failed-mark\">\(title)<circle cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\""
            + " r=\"\(SVGText.number(size + 2))\" stroke=\"none\"/><path "
            + "d=\"M\(SVGText.number(left)),\(SVGText.number(top))"
            + "L\(SVGText.number(right)),\(SVGText.number(bottom))M\(SVGText.number(left)),\(SVGText.number(bottom))"
            + "L\(SVGText.number(right)),\(SVGText.number(top))\"/></g>"
    }

    /// How a run is marked.
    enum Mark: Sendable, Hashable {
        case measured, untrusted, missing, failed

        init(_ point: TrendPoint) {
            switch (point.kind, point.lineRate) {
            case (.failed, _): self = .failed
            case (.untrusted, _?): self = .untrusted
            case (_, nil): self = .missing
            case (.measured, _?): self = .measured
            }
        }

        var cssClass: String {
            switch self {
            case .measured: "trend-point"
            case .untrusted: "trend-point untrusted"
            case .missing: "trend-point missing"
            case .failed: "failed-mark"
            }
        }
    }

    /// The latest measured value of each series, written right of its last point, so where coverage
    /// stands now reads at a glance. Labels that would overlap are pushed apart.
    func valueLabels(over shown: [Int], _ geometry: ChartGeometry) -> [String] {
        guard let last = shown.last(where: { points[$0].kind != .failed }) else { return [] }
        let layout = geometry.layout
        var labels: [(series: Series, y: Double, text: String)] = Series.all.compactMap { series in
            series.value(points[last]).map {
                (series, geometry.y($0) + layout.fontSize * 0.35, DisplayFormat.percent($0))
            }
        }
        if labels.count == 2, abs(labels[0].y - labels[1].y) < layout.fontSize + 1 {
            let middle = (labels[0].y + labels[1].y) / 2
            let half = (layout.fontSize + 1) / 2
            let lineAbove = labels[0].y <= labels[1].y
            labels[0].y = middle + (lineAbove ? -half : half)
            labels[1].y = middle + (lineAbove ? half : -half)
        }
        let x = SVGText.number(geometry.x(last) + layout.markerRadius + 5)
        return labels.map { label in
            "<text class=\"value-label \(label.series.valueClass)\" x=\"\(x)\" y=\"\(SVGText.number(label.y))\""
                + " \(Self.font(layout, color: label.series.color)) font-weight=\"bold\">\(label.text)</text>"
        }
    }

    // MARK: - Sampling

    /// The indices of at most `maxPoints` runs that get a mark, in order. Failed, untrusted and
    /// unmeasured runs and the latest run come first (thinned evenly when they alone would take
    /// more than half the budget); the rest goes to `LTTB` over the measured runs' line rate.
    static func sample(_ points: [TrendPoint], maxPoints: Int) -> [Int] {
        guard points.count > maxPoints else { return Array(points.indices) }
        let last = points.count - 1
        let special = points.indices.filter { index in
            index == last || points[index].kind != .measured || points[index].lineRate == nil
        }
        let kept = special.count <= maxPoints / 2 ? special : evenlyThinned(special, to: max(1, maxPoints / 2))
        let keptSet = Set(special)
        let candidates = points.indices.filter { !keptSet.contains($0) }
        let budget = maxPoints - kept.count
        let chosen =
            budget <= 1
            ? Array(candidates.prefix(budget))
            : LTTB.downsample(candidates, to: budget, x: Double.init, y: { points[$0].lineRate ?? 0 })
        return Array(Set(kept + chosen)).sorted()
    }

    /// The indices the series' lines run through: every run when they fit in `budget`, else the
    /// marked runs, every failed run (where the lines break, thinned evenly past a quarter of the
    /// budget) and `LTTB` over the rest, so a long history keeps its shape between the marks.
    static func lineRuns(_ points: [TrendPoint], marked: [Int], budget: Int) -> [Int] {
        guard points.count > budget else { return Array(points.indices) }
        let failed = points.indices.filter { points[$0].kind == .failed }
        let breaks = failed.count <= budget / 4 ? failed : evenlyThinned(failed, to: max(1, budget / 4))
        let drawn = points.indices.filter { points[$0].kind != .failed }
        let shape = LTTB.downsample(
            drawn, to: max(2, budget - breaks.count), x: Double.init, y: { points[$0].lineRate ?? 0 })
        return Array(Set(marked + breaks + shape)).sorted()
    }

    /// `count` of `indices`, evenly spread, the last one always included.
    static func evenlyThinned(_ indices: [Int], to count: Int) -> [Int] {
        guard indices.count > count, count > 1 else { return Array(indices.suffix(max(count, 0))) }
        return (0..<count).map { slot in indices[slot * (indices.count - 1) / (count - 1)] }
    }
}
