import CoverageModel

/// The levels pages colour coverage by, for one component: per metric a target and a warning level.
///
/// At or above the target a rate is `level-high` (green), at or above the warning level
/// `level-medium` (amber), below it `level-low` (red). A level not configured takes the documented
/// default: target 90 %, warning 75 % (the badge colours of shields-style badges). A warning level
/// above the target is lowered to it.
public struct CoverageLevels: Sendable, Hashable {
    public static let defaultTarget = 0.9
    public static let defaultWarning = 0.75
    public static let defaults = CoverageLevels()

    /// One metric's levels.
    public struct Levels: Sendable, Hashable {
        /// 0…1.
        public let target: Double
        /// 0…1, at most `target`.
        public let warning: Double
        /// Neither level was configured: the documented defaults.
        public let isDefault: Bool

        init(target: Double?, warning: Double?) {
            let chosenTarget = target ?? CoverageLevels.defaultTarget
            self.target = chosenTarget
            self.warning = min(warning ?? CoverageLevels.defaultWarning, chosenTarget)
            isDefault = target == nil && warning == nil
        }
    }

    public let line: Levels
    public let branch: Levels

    /// - Parameters: rates in 0…1; nil takes the default.
    public init(
        lineTarget: Double? = nil, lineWarning: Double? = nil, branchTarget: Double? = nil, branchWarning: Double? = nil
    ) {
        line = Levels(target: lineTarget, warning: lineWarning)
        branch = Levels(target: branchTarget, warning: branchWarning)
    }

    public subscript(metric: Metric) -> Levels { metric == .line ? line : branch }

    /// The CSS class for `rate` of `metric`: `level-high`, `level-medium`, `level-low`, or
    /// `level-none` when nothing can be covered. Compares raw rates, not the rounded display.
    public func cssClass(_ rate: Double?, _ metric: Metric) -> String {
        guard let rate else { return "level-none" }
        let levels = self[metric]
        if rate >= levels.target - 1e-12 { return "level-high" }
        if rate >= levels.warning - 1e-12 { return "level-medium" }
        return "level-low"
    }

    /// A `<meter>` element's attributes for `rate` of `metric` (0…100): `low` at the
    /// warning level, `high` at the target and the optimum at 100, so the browser colours the bar
    /// as the text around it is coloured.
    ///
    /// The optimum must lie above `high` for the browser to treat the bar below `low` as worse than
    /// the band between them; with the optimum at `high` (a 100 % target) the whole band would count
    /// as optimal. So `high` stays a hair under 100 %: only a rate of 100 % reaches it.
    public func meterAttributes(_ rate: Double?, _ metric: Metric) -> String {
        // Made as bytes, then one string: eight string pieces cost a 20 000-file render 1 % (every
        // file page's totals have one).
        var sink = ByteSink(capacity: 80)
        appendMeterAttributes(rate, metric, to: &sink)
        return sink.text()
    }

    /// `meterAttributes` appended as bytes, with no string per number: every row of the listings
    /// writes one (20 000 rows took 11 ms as strings).
    public func appendMeterAttributes(_ rate: Double?, _ metric: Metric, to out: inout ByteSink) {
        let levels = self[metric]
        let high = min(levels.target, Self.highest)
        let low = min(levels.warning, high)
        out.append(#"min="0" max="100" low=""#)
        Self.appendMeterNumber(low, to: &out)
        out.append(#"" high=""#)
        Self.appendMeterNumber(high, to: &out)
        out.append(#"" optimum="100" value=""#)
        if let rate { Self.appendMeterNumber(rate, to: &out) } else { out.append(UInt8(ascii: "0")) }
        out.append(UInt8(ascii: "\""))
    }

    /// 0…1 as 0…100 with three decimals, so a rate just under a level stays under it on the bar.
    static func appendMeterNumber(_ rate: Double, to out: inout ByteSink) {
        let thousandths = Int((min(max(rate, 0), 1) * 100_000).rounded())
        out.appendDecimal(thousandths / 1000)
        let fraction = thousandths % 1000
        out.append(UInt8(ascii: "."))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// The highest `high` of a meter: 99.999 %.
    static let highest = 0.99999
}
