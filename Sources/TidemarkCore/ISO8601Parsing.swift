import CoverageModel
import Foundation

/// The run time when the reports carry none: `--time`, else `SOURCE_DATE_EPOCH`, else now.
enum ISO8601Parsing {
    static func date(_ text: String) -> Date? { ISO8601.date(from: text) }

    static func fallbackTime(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Date
    {
        if let option, let date = date(option) { return date }
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) { return Date(timeIntervalSince1970: epoch) }
        return Date()
    }
}
