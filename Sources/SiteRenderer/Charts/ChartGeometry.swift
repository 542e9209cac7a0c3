import Foundation

/// The geometry of a trend chart: where the plot sits and how time and rate map onto it.
///
/// Pure values and functions with no drawing, so scales and ticks can be tested on their own.
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

    static let secondsPerDay = 86_400.0
    /// Shorter spans are widened, centred on the data, so there are always three day ticks.
    static let minimumSpan = 3 * secondsPerDay
    /// Gridline rates: every 20 %.
    static let rateTicks: [Double] = [0, 0.2, 0.4, 0.6, 0.8, 1]
    /// Tick spacings in days. Each is at most twice the previous one, which guarantees 3…6 ticks.
    static let tickSteps = [1, 2, 4, 7, 14, 28, 56, 91, 182, 364, 728, 1456, 2912, 5824, 11648]

    let width: Double
    let height: Double
    let plot: Plot
    /// Seconds since 1970, `lowerBound < upperBound` always.
    let timeDomain: ClosedRange<Double>

    /// - Parameters:
    ///   - times: the run times; the domain spans them, at least `minimumSpan`, centred when shorter.
    init(
        width: Double = 640, height: Double = 220, times: [Date],
        margins: (left: Double, top: Double, right: Double, bottom: Double) = (44, 26, 14, 28)
    ) {
        self.width = width
        self.height = height
        plot = Plot(left: margins.left, top: margins.top, right: width - margins.right, bottom: height - margins.bottom)
        timeDomain = Self.domain(for: times.map(\.timeIntervalSince1970))
    }

    /// The time span drawn for `seconds`: their range, widened symmetrically to `minimumSpan`.
    static func domain(for seconds: [Double]) -> ClosedRange<Double> {
        guard let first = seconds.min(), let last = seconds.max() else { return 0...minimumSpan }
        guard last - first < minimumSpan else { return first...last }
        let middle = (first + last) / 2
        return (middle - minimumSpan / 2)...(middle + minimumSpan / 2)
    }

    /// The x coordinate of `date`; the domain's ends map to the plot's left and right edges.
    func x(_ date: Date) -> Double {
        x(seconds: date.timeIntervalSince1970)
    }

    func x(seconds: Double) -> Double {
        let span = timeDomain.upperBound - timeDomain.lowerBound
        return plot.left + (seconds - timeDomain.lowerBound) / span * plot.width
    }

    /// The y coordinate of a rate in 0…1 (clamped): 0 at the plot's bottom, 1 at its top.
    func y(_ rate: Double) -> Double {
        let clamped = rate.isFinite ? min(max(rate, 0), 1) : 0
        return plot.bottom - clamped * plot.height
    }

    /// UTC midnights inside the domain for the x axis labels: 3…6 of them.
    func timeTicks() -> [Date] {
        Self.dayTicks(in: timeDomain).map { Date(timeIntervalSince1970: $0) }
    }

    /// UTC midnights (in seconds) inside `domain`, evenly spaced by the first step in `tickSteps`
    /// that gives at most `maxCount`. Steps are counted from Monday 1970-01-05, so weekly ticks fall
    /// on Mondays. Any domain of at least `minimumSpan` gets at least three ticks.
    static func dayTicks(in domain: ClosedRange<Double>, maxCount: Int = 6) -> [Double] {
        let firstDay = Int64((domain.lowerBound / secondsPerDay).rounded(.up))
        let lastDay = Int64((domain.upperBound / secondsPerDay).rounded(.down))
        guard firstDay <= lastDay else { return [] }
        var days: [Int64] = []
        for step in tickSteps.map(Int64.init) {
            let offset = (firstDay - 4) % step
            var day = offset == 0 ? firstDay : firstDay + (offset > 0 ? step - offset : -offset)
            days = []
            while day <= lastDay {
                days.append(day)
                day += step
            }
            if days.count <= maxCount { break }
        }
        return days.map { Double($0) * secondsPerDay }
    }
}
