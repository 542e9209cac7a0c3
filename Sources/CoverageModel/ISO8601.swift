import Foundation

/// UTC ISO 8601 dates without a locale or formatter object: the same text on every machine.
public enum ISO8601 {
    /// `2026-11-30T04:31:17Z` (whole seconds, rounded down).
    public static func string(from date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        if (0...9999).contains(year) {
            // Twenty bytes written in place: a history page shows thousands of times, and small
            // strings or String(format:) dominated drawing it (docs/performance.md).
            return String(unsafeUninitializedCapacity: 20) { buffer in
                func put(_ value: Int64, width: Int, at offset: Int) {
                    var value = value
                    for index in stride(from: offset + width - 1, through: offset, by: -1) {
                        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                put(year, width: 4, at: 0)
                put(month, width: 2, at: 5)
                put(day, width: 2, at: 8)
                put(secondOfDay / 3600, width: 2, at: 11)
                put(secondOfDay % 3600 / 60, width: 2, at: 14)
                put(secondOfDay % 60, width: 2, at: 17)
                for (offset, separator) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")]
                    as [(Int, Unicode.Scalar)]
                {
                    buffer[offset] = UInt8(separator.value)
                }
                return 20
            }
        }
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + "T" + padded(secondOfDay / 3600, 2)
            + ":"
            + padded(secondOfDay % 3600 / 60, 2) + ":" + padded(secondOfDay % 60, 2) + "Z"
    }

    /// The date part only: `2026-11-30`.
    public static func dateString(from date: Date) -> String {
        String(string(from: date).prefix(10))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`, `…±HH:MM`, fractional seconds (dropped), or a bare
    /// `YYYY-MM-DD` (midnight UTC). Strict: a day that does not exist (`2024-02-30`), an hour past
    /// 23 or any other out-of-range field is `nil`, never rolled over into the next month.
    public static func date(from text: String) -> Date? {
        var reader = DigitReader(text.utf8)
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2),
            reader.skip("-"), let day = reader.number(digits: 2), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        if reader.isAtEnd { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" "), let hour = reader.number(digits: 2),
            reader.skip(":"), let minute = reader.number(digits: 2), reader.skip(":"),
            let second = reader.number(digits: 2), hour < 24, minute < 60, second < 60
        else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        if reader.skip(".") || reader.skip(",") {
            guard reader.digits() > 0 else { return nil }
        }
        if reader.skip("Z") || reader.skip("z") {
            return reader.isAtEnd ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
        }
        let sign: Int64
        if reader.skip("+") { sign = 1 } else if reader.skip("-") { sign = -1 } else { return nil }
        guard let zoneHours = reader.number(digits: 2) else { return nil }
        _ = reader.skip(":")
        guard let zoneMinutes = reader.number(digits: 2), zoneHours < 24, zoneMinutes < 60, reader.isAtEnd else {
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds - sign * (zoneHours * 3600 + zoneMinutes * 60)))
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads ASCII digits and separators from the front of a text.
    private struct DigitReader {
        private let bytes: [UInt8]
        private var index = 0

        init(_ text: String.UTF8View) { bytes = Array(text) }

        var isAtEnd: Bool { index == bytes.count }

        /// Exactly `digits` decimal digits as a number.
        mutating func number(digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + digits] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }

        /// Skips any run of digits; returns how many.
        mutating func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }
    }

    /// Howard Hinnant's days-from-civil inverse: proleptic Gregorian calendar.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
