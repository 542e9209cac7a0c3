import CoverageModel
import Foundation

/// The run's time: `--time` when given (it overrides the reports), else the reports' own time,
/// else `SOURCE_DATE_EPOCH`, else now.
enum ISO8601Parsing {
    static func date(_ text: String) -> Date? { ISO8601.date(from: text) }

    /// The time the reports carry none of and no `--time` gives: `SOURCE_DATE_EPOCH`, else now.
    static func fallbackTime(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) { return Date(timeIntervalSince1970: epoch) }
        return Date()
    }
}
