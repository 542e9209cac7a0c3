import Foundation

/// The size and look of one drawing of a trend chart. A page carries two drawings of each chart —
/// `wide` for screens from tablets up, `compact` for phones — because a `viewBox` scales text with
/// the drawing: one drawing cannot keep its labels readable from 1 280 px down to 390 px.
struct ChartLayout: Sendable, Equatable {
    let name: String
    let width: Double
    let height: Double
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    let fontSize: Double
    let markerRadius: Double
    /// At most this many y ticks.
    let maxRateTicks: Int
    /// Date labels are at least this far apart.
    let labelGap: Double
    /// Each shown run's marker carries its tooltip (`<title>`); phones have no hover, so the compact
    /// drawing leaves them out.
    let hasTooltips: Bool

    /// Drawn 1 000 units wide: at 1 280 px the page's content (1 232 px) shows a unit as 1.23 px.
    static let wide = ChartLayout(
        name: "wide", width: 1000, height: 340, left: 52, top: 14, right: 62, bottom: 42, fontSize: 12,
        markerRadius: 3, maxRateTicks: 7, labelGap: 96, hasTooltips: true)
    /// Drawn 360 units wide: at 390 px (342 px of content) a unit is 0.95 px.
    static let compact = ChartLayout(
        name: "compact", width: 360, height: 260, left: 40, top: 12, right: 46, bottom: 38, fontSize: 11,
        markerRadius: 2, maxRateTicks: 5, labelGap: 84, hasTooltips: false)

    /// How many runs get a marker: as many as fit side by side without touching; longer histories
    /// are downsampled (`TrendChart.sample`).
    var maxPoints: Int { max(2, Int((width - left - right - 2 * ChartGeometry.inset) / (2 * markerRadius + 0.25))) }
}

/// Where a trend chart's plot sits, and how runs and rates map onto it.
///
/// Runs are spaced evenly in the order they ran, not by time: ten runs a minute apart do not stack
/// on one vertical line, and a month without runs does not leave half the chart empty. The rate
/// axis fits the data and the thresholds (`RateScale`).
struct ChartGeometry: Sendable, Equatable {
    /// The drawing area inside the margins, in SVG user units.
    struct Plot: Sendable, Equatable {
        let left: Double
        let top: Double
        let right: Double
        let bottom: Double
        var width: Double { right - left }
        var height: Double { bottom - top }
    }

    /// Space between the plot's side edges and the first and last run.
    static let inset = 10.0

    let layout: ChartLayout
    let plot: Plot
    /// How many runs the x axis spaces out (all runs, also those not drawn after downsampling).
    let runCount: Int
    let scale: RateScale

    /// - Parameters:
    ///   - runCount: every run of the chart, in order.
    ///   - rates: the rates drawn and the threshold lines, 0…1: the rate axis fits them.
    init(layout: ChartLayout, runCount: Int, rates: [Double]) {
        self.layout = layout
        plot = Plot(
            left: layout.left, top: layout.top, right: layout.width - layout.right,
            bottom: layout.height - layout.bottom)
        self.runCount = runCount
        scale = RateScale(fitting: rates, maxTicks: layout.maxRateTicks)
    }

    /// The x coordinate of the run at `index` (0 = oldest); a lone run sits in the middle.
    func x(_ index: Int) -> Double {
        guard runCount > 1 else { return plot.left + plot.width / 2 }
        let usable = plot.width - 2 * Self.inset
        return plot.left + Self.inset + Double(index) * usable / Double(runCount - 1)
    }

    /// The y coordinate of a rate in 0…1, clamped to the scale's domain.
    func y(_ rate: Double) -> Double {
        let domain = scale.domain
        let clamped = rate.isFinite ? min(max(rate, domain.lowerBound), domain.upperBound) : domain.lowerBound
        return plot.bottom - (clamped - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * plot.height
    }

    /// How far apart two neighbouring runs are drawn.
    var runSpacing: Double { runCount > 1 ? (plot.width - 2 * Self.inset) / Double(runCount - 1) : plot.width }
}
