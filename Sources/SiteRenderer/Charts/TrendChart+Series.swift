import Foundation

// MARK: - Series

extension TrendChart {
    /// One line on the chart: which rate it draws and how it looks. Both series go through `draw`.
    struct Series: Sendable {
        let cssClass: String
        let legendLabel: String
        let color: String
        /// A `stroke-dasharray` value, or nil for a solid line.
        let dashes: String?
        let value: @Sendable (TrendPoint) -> Double?

        static let lines = Series(
            cssClass: "trend-line", legendLabel: "Lines", color: "#0969da", dashes: nil, value: { $0.lineRate })
        static let branches = Series(
            cssClass: "trend-branch", legendLabel: "Branches", color: "#8250df", dashes: "5 3",
            value: { $0.branchRate })
        static let all = [lines, branches]

        /// Presentation attributes for a stroke in this series' look.
        var strokeAttributes: String {
            "fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (dashes.map { " stroke-dasharray=\"\($0)\"" } ?? "")
        }
    }

    /// The series as `<polyline>` segments, broken wherever a run has no value (a failed run, or
    /// one that did not measure this rate). A segment of one point repeats it, so the round line
    /// cap still shows a dot.
    func draw(_ series: Series, over shown: [TrendPoint]) -> [String] {
        var segments: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for point in shown {
            guard point.kind != .failed, let rate = series.value(point) else {
                if !current.isEmpty { segments.append(current) }
                current = []
                continue
            }
            current.append((geometry.x(point.time), geometry.y(rate)))
        }
        if !current.isEmpty { segments.append(current) }
        // The class and look sit once on the group: a history full of gaps has hundreds of segments.
        let polylines = segments.map { segment in
            "<polyline points=\"\(SVGText.points(segment.count == 1 ? segment + segment : segment))\"/>"
        }
        return ["<g class=\"\(series.cssClass)\" \(series.strokeAttributes)>"] + polylines + ["</g>"]
    }

    // MARK: - Markers

    /// One `<circle>` per shown run, carrying its tooltip. Measured runs sit on the line series,
    /// filled; untrusted ones are hollow at their value; failed and unmeasured ones are hollow on
    /// the x axis. Markers are grouped by class so the fill and stroke are written once per group.
    func markers(for shown: [TrendPoint]) -> [String] {
        let blue = Series.lines.color
        let looks = [
            ("trend-point", "fill=\"\(blue)\" stroke=\"\(blue)\""),
            ("trend-point untrusted", "fill=\"#ffffff\" stroke=\"\(blue)\""),
            ("trend-point missing", "fill=\"#ffffff\" stroke=\"#57606a\""),
            ("trend-point failed", "fill=\"#ffffff\" stroke=\"#cf222e\""),
        ]
        let placed = shown.map { (point: $0, marker: Self.marker(for: $0)) }
        return looks.flatMap { cssClass, look -> [String] in
            let members = placed.filter { $0.marker.cssClass == cssClass }
            guard !members.isEmpty else { return [] }
            let circles = members.map { member in
                "<circle class=\"\(cssClass)\" cx=\"\(SVGText.number(geometry.x(member.point.time)))\""
                    + " cy=\"\(SVGText.number(geometry.y(member.marker.rate)))\" r=\"2.5\">"
                    + "<title>\(SVGText.escape(member.point.tooltip))</title></circle>"
            }
            return ["<g class=\"trend-points\" \(look) stroke-width=\"1\">"] + circles + ["</g>"]
        }
    }

    /// The marker's classes and the rate it sits at.
    static func marker(for point: TrendPoint) -> (cssClass: String, rate: Double) {
        switch (point.kind, point.lineRate) {
        case (.failed, _): return ("trend-point failed", 0)
        case (.untrusted, let rate): return ("trend-point untrusted", rate ?? 0)
        case (.measured, let rate?): return ("trend-point", rate)
        case (.measured, nil): return ("trend-point missing", 0)
        }
    }

    // MARK: - Sampling

    /// At most `maxPoints` runs, in time order. Failed, untrusted and unmeasured runs and the
    /// latest run are always kept (thinned evenly only if they alone exceed the budget); the rest
    /// of the budget goes to `LTTB` over the measured runs' line rate.
    static func sample(_ points: [TrendPoint], maxPoints: Int) -> [TrendPoint] {
        guard points.count > maxPoints else { return points }
        let last = points.count - 1
        let mandatory = points.indices.filter { index in
            index == last || points[index].kind != .measured || points[index].lineRate == nil
        }
        guard mandatory.count < maxPoints else {
            return evenlyThinned(mandatory, to: maxPoints).map { points[$0] }
        }
        let mandatorySet = Set(mandatory)
        let candidates = points.indices.filter { !mandatorySet.contains($0) }
        let budget = maxPoints - mandatory.count
        let chosen =
            budget == 1
            ? Array(candidates.prefix(1))
            : LTTB.downsample(
                candidates, to: budget, x: { points[$0].time.timeIntervalSince1970 },
                y: { points[$0].lineRate ?? 0 })
        return (mandatory + chosen).sorted().map { points[$0] }
    }

    /// `count` of `indices`, evenly spread, the last one always included.
    static func evenlyThinned(_ indices: [Int], to count: Int) -> [Int] {
        guard indices.count > count, count > 1 else { return Array(indices.suffix(max(count, 0))) }
        return (0..<count).map { slot in indices[slot * (indices.count - 1) / (count - 1)] }
    }
}
