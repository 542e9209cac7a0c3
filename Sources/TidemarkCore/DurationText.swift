import Foundation

/// Durations written as `30s`, `2m`, `1h`, `500ms`, or a bare number of seconds.
public enum DurationText {
    public static func seconds(parsing text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count)), value > 0 else { return nil }
            return value * factor
        }
        guard let value = Double(trimmed), value > 0 else { return nil }
        return value
    }

    public static func text(_ seconds: TimeInterval) -> String {
        seconds < 1 ? "\(Int(seconds * 1000))ms" : seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
