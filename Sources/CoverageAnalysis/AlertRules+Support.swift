import CoverageModel
import Formatting
import Foundation

extension Metric {
    func target(_ limits: Thresholds) -> Double? { self == .line ? limits.lineTarget : limits.branchTarget }
    func warning(_ limits: Thresholds) -> Double? { self == .line ? limits.lineWarning : limits.branchWarning }
}

/// One component's runs, oldest first, with the baselines each run is compared with found once.
struct ComponentTrack {
    typealias Entry = (run: RunSummary, component: ComponentSummary)

    let name: String
    let entries: [Entry]
    /// For each entry, the newest measured entry before it, trusted or not.
    let measuredBefore: [Int?]
    /// For each entry, the newest trusted entry before it: measured, and its tests neither failed
    /// nor errored. Only trusted runs are baselines for the median.
    let trustedBefore: [Int?]

    init(_ name: String, in history: [RunSummary]) {
        self.name = name
        entries = history.compactMap { run in run.component(named: name).map { (run: run, component: $0) } }
        var measured: Int?
        var trusted: Int?
        var measuredBefore: [Int?] = []
        var trustedBefore: [Int?] = []
        for (index, entry) in entries.enumerated() {
            measuredBefore.append(measured)
            trustedBefore.append(trusted)
            if entry.component.status == .measured {
                measured = index
                if Self.isTrusted(entry.component) { trusted = index }
            }
        }
        self.measuredBefore = measuredBefore
        self.trustedBefore = trustedBefore
    }

    static func isTrusted(_ component: ComponentSummary) -> Bool {
        component.status == .measured && !(component.tests?.isBroken ?? false)
    }

    /// Up to `count` trusted entries before `index`, oldest first.
    func trusted(before index: Int, count: Int) -> [Entry] {
        var result: [Entry] = []
        var cursor = trustedBefore[index]
        while let found = cursor, result.count < count {
            result.append(entries[found])
            cursor = trustedBefore[found]
        }
        return result.reversed()
    }
}

/// When a target will be reached at the recent pace: a least-squares line through the last
/// trusted runs' rates over time.
enum Forecast {
    static func days(to target: Double, metric: Metric, track: ComponentTrack, at index: Int) -> String {
        let now = track.entries[index]
        var points = track.trusted(before: index, count: 5).compactMap { entry in
            metric.rate(entry.component.counts).map { (entry.run.time, $0) }
        }
        if let rate = metric.rate(now.component.counts) { points.append((now.run.time, rate)) }
        guard points.count >= 3, let first = points.first?.0, let last = points.last?.0 else { return "" }
        // Runs less than a day apart (a backfill, several CI runs a day) give a pace per run instead.
        let perRun = last.timeIntervalSince(first) < 86_400
        let xs = perRun ? points.indices.map(Double.init) : points.map { $0.0.timeIntervalSince(first) / 86_400 }
        let ys = points.map(\.1)
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        let variance = xs.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        guard variance > 0 else { return "" }
        let slope = zip(xs, ys).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +) / variance
        guard slope > 0, let current = ys.last else { return "; at the recent pace it is not getting closer" }
        let steps = max(1, Int(((target - current) / slope).rounded(.up)))
        let pace = DisplayFormat.points(slope * 100)
        if perRun {
            return
                "; at the recent pace (\(pace) per run) it would be reached in about \(steps) "
                + "run\(steps == 1 ? "" : "s")"
        }
        let when = ISO8601.dateString(from: now.run.time.addingTimeInterval(Double(steps) * 86_400))
        return
            "; at the recent pace (\(pace)/day) it would be reached in about \(steps) day\(steps == 1 ? "" : "s") "
            + "(\(when))"
    }
}
