import Foundation

/// The rate axis of a trend chart: a domain that fits the rates and thresholds it is given with a
/// little margin, on round ticks. A project between 92 % and 99.6 % is drawn from 90 % to 100 %,
/// not as a flat strip at the top of 0–100 %; 0–100 % is used only when the data spans it.
struct RateScale: Sendable, Equatable {
    /// The smallest span drawn (2 points): one run, or a flat history, is not blown up into noise.
    static let minimumSpan = 0.02
    /// Margin above and below the values, as a share of their span.
    static let margin = 0.08
    /// Tick spacings, as rates: 0.1 point up to 25 points.
    static let steps: [Double] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25]

    /// A subrange of 0…1, `lowerBound < upperBound`, on multiples of `step`.
    let domain: ClosedRange<Double>
    let step: Double
    /// The rates of the gridlines, from the bottom up.
    let ticks: [Double]

    /// - Parameters:
    ///   - rates: every value that must be visible (non-finite ones are ignored); none gives 0–100 %.
    ///   - maxTicks: at most this many ticks (at least 3).
    init(fitting rates: [Double], maxTicks: Int) {
        let finite = rates.filter(\.isFinite).map { min(max($0, 0), 1) }
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low < Self.minimumSpan {
            let middle = (low + high) / 2
            low = middle - Self.minimumSpan / 2
            high = middle + Self.minimumSpan / 2
        }
        let pad = (high - low) * Self.margin
        low = max(0, low - pad)
        high = min(1, high + pad)
        if high - low < Self.minimumSpan {
            // Pushed against 0 % or 100 %: keep the span by moving away from the edge.
            if low == 0 { high = Self.minimumSpan } else { low = 1 - Self.minimumSpan }
        }
        let limit = max(maxTicks, 3)
        var chosen = Self.steps.last ?? 0.25
        var bounds = (low: 0.0, high: 1.0)
        for step in Self.steps {
            // The tolerance absorbs division noise (0.98 / 0.005 = 195.99999…).
            let lower = max(0, (low / step + 1e-6).rounded(.down) * step)
            let upper = min(1, (high / step - 1e-6).rounded(.up) * step)
            if Int(((upper - lower) / step).rounded()) + 1 <= limit {
                chosen = step
                bounds = (lower, upper)
                break
            }
        }
        step = chosen
        domain = bounds.low...bounds.high
        let count = Int(((bounds.high - bounds.low) / chosen).rounded())
        ticks = (0...count).map { bounds.low + Double($0) * chosen }
    }

    /// A tick's label: `92%`, or `92.5%` when the ticks are closer than a point.
    func label(_ rate: Double) -> String {
        let decimals = step < 0.01 - 1e-12 ? 1 : 0
        return SVGText.number(rate * 100, decimals: decimals) + "%"
    }
}
