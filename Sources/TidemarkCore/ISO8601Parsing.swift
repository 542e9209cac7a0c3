import CoverageModel
import Foundation

/// The run's time: `--time` when given (it overrides the reports), else the reports' own time,
/// else `SOURCE_DATE_EPOCH`, else now.
enum ISO8601Parsing {
    /// The time the reports carry none of and no `--time` gives: `SOURCE_DATE_EPOCH`, else now.
    static func fallbackTime(environment: [String: String] = ProcessInfo.processInfo.environment, console: Console)
        -> Date
    {
        if let text = environment["SOURCE_DATE_EPOCH"] {
            // Reproducible builds' convention: whole seconds since 1970, UTC.
            if let seconds = Int64(text.trimmingCharacters(in: .whitespaces)) {
                return Date(timeIntervalSince1970: TimeInterval(seconds))
            }
            console.error(
                "SOURCE_DATE_EPOCH '\(text)' is not a whole number of seconds; it is ignored and the current time is "
                    + "used"
            )
        }
        return Date()
    }
}
