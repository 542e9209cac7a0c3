import CoverageModel
import Foundation

/// The labels under a trend chart's runs. Runs are evenly spaced, so a label names the UTC day (or
/// month, or year, when days are too many to show) that begins at that run. Labels keep a minimum
/// gap; runs all of one day get their clock times instead.
struct RunAxis: Sendable, Equatable {
    enum Period: Sendable, Equatable {
        case day, month, year

        /// How many characters of an ISO 8601 time name the period: `2026-11-30`, `2026-11`, `2026`.
        var length: Int {
            switch self {
            case .day: 10
            case .month: 7
            case .year: 4
            }
        }

        var noun: String {
            switch self {
            case .day: "day"
            case .month: "month"
            case .year: "year"
            }
        }
    }

    struct Label: Sendable, Equatable {
        /// The run it stands under.
        let index: Int
        let text: String
    }

    let period: Period
    let labels: [Label]

    /// - Parameter times: every run's time, in the chart's order.
    init(times: [Date], geometry: ChartGeometry) {
        let stamps = times.map(ISO8601.string(from:))
        let gap = geometry.layout.labelGap
        let room = max(1, Int(geometry.plot.width / gap))
        // The finest period whose boundaries a greedy pass can thin to a steady rhythm.
        var period = Period.year
        var boundaries: [Int] = []
        for candidate in [Period.day, .month, .year] {
            boundaries = Self.boundaries(stamps, length: candidate.length)
            period = candidate
            if boundaries.count <= room * 8 { break }
        }
        self.period = period
        var labels: [Label] = []
        for index in boundaries {
            if let last = labels.last, geometry.x(index) - geometry.x(last.index) < gap { continue }
            labels.append(Label(index: index, text: String(stamps[index].prefix(period.length))))
        }
        if period == .day, boundaries.count == 1, let first = stamps.first, let last = stamps.last {
            labels = Self.clockLabels(first: first, last: last, count: stamps.count, geometry: geometry)
        }
        self.labels = labels
    }

    /// The runs that begin a period: the first run, and each run whose period differs from the one before.
    private static func boundaries(_ stamps: [String], length: Int) -> [Int] {
        var result: [Int] = []
        var previous: Substring = ""
        for (index, stamp) in stamps.enumerated() {
            let key = stamp.prefix(length)
            if index == 0 || key != previous { result.append(index) }
            previous = key
        }
        return result
    }

    /// Runs all of one day: the day and time of the first run, the time of the last (with seconds
    /// when both fall in the same minute).
    private static func clockLabels(first: String, last: String, count: Int, geometry: ChartGeometry) -> [Label] {
        let sameMinute = count > 1 && first.dropFirst(11).prefix(5) == last.dropFirst(11).prefix(5)
        let clock = { (stamp: String) in String(stamp.dropFirst(11).prefix(sameMinute ? 8 : 5)) }
        var labels = [Label(index: 0, text: String(first.prefix(10)) + " " + clock(first))]
        let end = count - 1
        if end > 0, clock(last) != clock(first), geometry.x(end) - geometry.x(0) >= geometry.layout.labelGap * 1.4 {
            labels.append(Label(index: end, text: clock(last)))
        }
        return labels
    }
}
