import CoverageModel
import Formatting
import Testing

struct DisplayFormatTests {
    @Test(
        "Percentages have one decimal and never round to 0 % or 100 % unless exact",
        arguments: [
            (nil as Double?, "n/a"), (0.0, "0.0%"), (1.0, "100.0%"), (0.9996, "99.9%"), (0.99949, "99.9%"),
            (0.0001, "0.1%"), (0.8765, "87.7%"), (0.5, "50.0%"), (2.0 / 3.0, "66.7%"),
        ])
    func percent(_ rate: Double?, _ text: String) {
        #expect(DisplayFormat.percent(rate) == text)
    }

    @Test("Points from −250.0 to 250.0 carry a minus sign (U+2212) below zero and one decimal")
    func pointsEveryTenth() {
        for tenths in -2500...2500 {
            let sign = tenths < 0 ? "−" : ""
            let magnitude = abs(tenths)
            #expect(
                DisplayFormat.points(Double(tenths) / 10) == "\(sign)\(magnitude / 10).\(magnitude % 10) pt",
                "\(tenths)")
        }
    }

    @Test("Every tenth of a percent from 0 to 100 % is written as the interpolated reference writes it")
    func percentEveryTenth() {
        for tenths in 0...1000 {
            let rate = Double(tenths) / 1000
            let shown = DisplayFormat.tenthsOfPercent(rate)
            #expect(DisplayFormat.percent(rate) == "\(shown / 10).\(shown % 10)%", "\(tenths)")
        }
    }

    @Test(
        "Default levels map to a small fixed set of CSS classes",
        arguments: [
            (nil as Double?, "level-none"), (0.0, "level-low"), (0.7499, "level-low"), (0.75, "level-medium"),
            (0.9, "level-high"), (1.0, "level-high"),
        ])
    func defaultLevels(_ rate: Double?, _ level: String) {
        #expect(CoverageLevels.defaults.cssClass(rate, .line) == level)
    }

    @Test(
        "Configured levels decide the class and the meter's low and high, per metric",
        arguments: [
            (0.996, Metric.line, "level-medium", #"low="95.000" high="99.999" optimum="100" value="99.600""#),
            (1.0, Metric.line, "level-high", #"low="95.000" high="99.999" optimum="100" value="100.000""#),
            (0.9499, Metric.line, "level-low", #"low="95.000" high="99.999" optimum="100" value="94.990""#),
            (0.746, Metric.branch, "level-low", #"low="80.000" high="90.000" optimum="100" value="74.600""#),
            (0.85, Metric.branch, "level-medium", #"low="80.000" high="90.000" optimum="100" value="85.000""#),
        ])
    func configuredLevels(_ rate: Double, _ metric: Metric, _ level: String, _ meter: String) {
        let levels = CoverageLevels(lineTarget: 1, lineWarning: 0.95, branchTarget: 0.9, branchWarning: 0.8)
        #expect(levels.cssClass(rate, metric) == level)
        #expect(levels.meterAttributes(rate, metric) == #"min="0" max="100" "# + meter)
    }

    /// The meter's attributes as interpolated strings: three decimals of a percentage, `high` at most 99.999.
    static func referenceMeter(_ levels: CoverageLevels, _ rate: Double?, _ metric: Metric) -> String {
        func number(_ rate: Double) -> String {
            let thousandths = Int((min(max(rate, 0), 1) * 100_000).rounded())
            let fraction = String(thousandths % 1000)
            return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
        }
        let high = min(levels[metric].target, 0.99999)
        let low = min(levels[metric].warning, high)
        return "min=\"0\" max=\"100\" low=\"\(number(low))\" high=\"\(number(high))\""
            + " optimum=\"100\" value=\"\(rate.map(number) ?? "0")\""
    }

    @Test("Meter attributes, as bytes and as a string, are the reference's for rates across 0…1 (and beyond) and none")
    func meterBytes() {
        for levels in [
            CoverageLevels(), CoverageLevels(lineTarget: 1, lineWarning: 0.95, branchTarget: 0.9, branchWarning: 0.8),
            CoverageLevels(lineTarget: 0.0001, lineWarning: 0),
        ] {
            for metric in [Metric.line, .branch] {
                let rates = stride(from: -7, through: 100_007, by: 7).map { Double($0) / 100_000 }
                for rate in rates + [nil, 0.333_335, 0.999_995, 0.000_005, 1e-9, 0.9, 0.75, 1] {
                    var sink = ByteSink(capacity: 1)
                    levels.appendMeterAttributes(rate, metric, to: &sink)
                    let reference = Self.referenceMeter(levels, rate, metric)
                    if sink.bytes() != Array(reference.utf8) || levels.meterAttributes(rate, metric) != reference {
                        Issue.record("\(String(describing: rate)) \(metric)")
                        return
                    }
                }
            }
        }
    }

    @Test("A warning level above the target is lowered to it; one level alone keeps the other's default")
    func levelEdges() {
        let levels = CoverageLevels(lineTarget: 0.6)
        #expect(levels.line.warning == 0.6 && !levels.line.isDefault)
        #expect(levels.branch.target == 0.9 && levels.branch.warning == 0.75 && levels.branch.isDefault)
        #expect(CoverageLevels(lineWarning: 0.5).line.target == 0.9)
    }

    @Test(
        "Configured levels read as written",
        arguments: [
            (0.9, "90%"), (1.0, "100%"), (0.975, "97.5%"), (0.9995, "99.95%"), (0.9905, "99.05%"), (0.0, "0%"),
        ])
    func levelText(_ rate: Double, _ text: String) {
        #expect(DisplayFormat.level(rate) == text)
    }

    @Test(
        "Changes carry an arrow and a sign, never colour alone",
        arguments: [
            (nil as Double?, "—", "change-none"), (0.0, "±0.0 pt", "change-none"), (0.04, "±0.0 pt", "change-none"),
            (-5.1, "▼ −5.1 pt", "change-down"), (2.46, "▲ +2.5 pt", "change-up"),
            (-0.05, "▼ −0.1 pt", "change-down"),
        ])
    func deltas(_ points: Double?, _ text: String, _ cssClass: String) {
        #expect(DisplayFormat.delta(points) == text)
        #expect(DisplayFormat.deltaClass(points) == cssClass)
    }
}

extension DisplayFormatTests {
    @Test(
        "Points and shares: one decimal, U+2212 before a fall, a + only on shares",
        arguments: [
            (5.06, "5.1 pt", 0.05, "+5.0%"), (-0.34, "−0.3 pt", -0.125, "−12.5%"), (0.0, "0.0 pt", 0.0, "+0.0%"),
        ])
    func pointsAndShares(points: Double, pointsText: String, share: Double, shareText: String) {
        #expect(DisplayFormat.points(points) == pointsText)
        #expect(DisplayFormat.signedShare(share) == shareText)
    }
}
