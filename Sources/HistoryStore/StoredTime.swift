import Foundation

/// Times as a history keeps them: whole seconds since 1970, UTC.
///
/// Tidemark writes only times of four-digit years (a day either side for a time zone), as its
/// readers give them. A history holding any other time was written by something else; near
/// `Int.max` such a time does not even convert back to whole seconds, which trapped every command
/// that showed it. So a run's or an alert's time outside the range is a damaged history, and an
/// archive's report or test time outside it is unknown.
enum StoredTime {
    static let range = -62_167_305_600...253_402_387_199

    /// The date of `seconds`, or nil outside `range`.
    static func date(_ seconds: Int) -> Date? {
        range.contains(seconds) ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
    }
}

extension HistoryStore {
    /// The date of a time read from the history.
    /// - Throws: `HistoryError.corrupt` naming `what` when the time is outside `StoredTime.range`.
    func storedTime(_ seconds: Int, of what: @autoclosure () -> String) throws(HistoryError) -> Date {
        guard let date = StoredTime.date(seconds) else {
            throw .corrupt(
                path: path, message: "\(what()) has the time \(seconds), outside the years 0000 to 9999")
        }
        return date
    }
}
