import CoverageModel
import Foundation

/// The run time when the reports carry none: `--time`, else `SOURCE_DATE_EPOCH`, else now.
enum ISO8601Parsing {
    static func fallbackTime(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment, console: Console
    ) -> Date {
        if let option, let date = ISO8601.date(from: option) { return date }
        if let text = environment["SOURCE_DATE_EPOCH"] {
            // Reproducible builds' convention: whole seconds since 1970, UTC.
            if let seconds = Int64(text.trimmingCharacters(in: .whitespaces)) {
                return Date(timeIntervalSince1970: TimeInterval(seconds))
            }
            console.error("SOURCE_DATE_EPOCH '\(text)' is not a whole number of seconds; it is ignored and the current time is used")
        }
        return Date()
    }
}
