import Foundation

/// Durations written as `30s`, `2m`, `1h`, `500ms`, or a bare number of seconds.
public enum DurationText {
    /// What `watch` accepts as its interval: a tick at least every day, at most every second (a
    /// shorter tick would only burn the CPU: reports take longer than that to write).
    public static let watchRange: ClosedRange<TimeInterval> = 1...86_400

    /// The duration in seconds; `nil` for text that is not a finite, positive duration.
    public static func seconds(parsing text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var factor = 1.0
        var number = Substring(trimmed)
        for (suffix, unit) in [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)] as [(String, Double)]
        where trimmed.hasSuffix(suffix) {
            factor = unit
            number = trimmed.dropLast(suffix.count)
            break
        }
        // Digits and one decimal point only: no "inf", "nan", exponents or signs.
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            number.filter({ $0 == "." }).count <= 1, let value = Double(number), value.isFinite, value > 0
        else { return nil }
        let seconds = value * factor
        return seconds.isFinite ? seconds : nil
    }

    /// The watch interval in `text`, or why it is not one.
    public static func watchInterval(_ text: String) -> Result<TimeInterval, UsageError> {
        guard let seconds = seconds(parsing: text) else {
            return .failure(UsageError("'\(text)' is not a duration such as 30s, 2m or 1h"))
        }
        guard watchRange.contains(seconds) else {
            return .failure(UsageError("'\(text)' is outside the allowed interval of 1s to 24h"))
        }
        return .success(seconds)
    }

    public static func text(_ seconds: TimeInterval) -> String {
        seconds < 1 ? "\(Int(seconds * 1000))ms" : seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
