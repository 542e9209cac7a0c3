import Foundation

/// Number parsing straight from attribute bytes. Producers write counts as integers, as floats
/// (`"1.0"` from the Swift converter, kcov's `"1.0"`), and occasionally with exponents; anything
/// else is reported, never silently turned into a number (README, "How counting works").
enum NumberParsing {
    /// The largest line number: `LineCoverage` keeps numbers in 32 bits.
    static let maximumLineNumber = Int(Int32.max)

    /// A `<line number>`: plain decimal digits (XML white space around them allowed) from 1 to
    /// 2³¹−1; `nil` for anything else (0, negative, `+4`, `0x10`, `4.0`, larger, empty).
    @inline(__always)
    static func lineNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var end = bytes.count
        while index < end, isSpace(bytes[index]) { index += 1 }
        while end > index, isSpace(bytes[end - 1]) { end -= 1 }
        guard end > index, end - index <= 10 else { return nil }
        var value = 0
        while index < end {
            guard let digit = digitValue(bytes[index]) else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return value >= 1 && value <= maximumLineNumber ? value : nil
    }

    /// What a `hits` attribute says.
    enum Hits: Equatable {
        /// A whole count ≥ 0, as written (`17`, `1.0`, `1e3`).
        case count(Int64)
        /// Below zero (gcov's overflowed counters): counted as 0, not covered.
        case negative
        /// Not whole (`0.5`): rounded up, so a line that ran stays covered.
        case fraction(roundedUp: Int64)
        /// Above 2⁶³−1: kept as 2⁶³−1.
        case tooLarge
        /// Not a decimal number (`inf`, `NaN`, `0x10`, words, empty).
        case notANumber
    }

    /// A hit count where no warning is given for it (a `<method>`'s calls): the count a line would get,
    /// or `nil` for text that is not a number.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        switch hits(bytes) {
        case .count(let count): count
        case .negative: 0
        case .fraction(let roundedUp): roundedUp
        case .tooLarge: Int64.max
        case .notANumber: nil
        }
    }

    /// A hit count: a decimal number with optional sign, fraction and exponent.
    @inline(__always)
    static func hits(_ bytes: UnsafeBufferPointer<UInt8>) -> Hits {
        // Fast path: 1 to 18 plain digits, which is nearly every count ever written.
        let length = bytes.count
        if length > 0, length <= 18, let base = bytes.baseAddress {
            var value: Int64 = 0
            var index = 0
            while index < length {
                let digit = base[index] &- 48
                if digit > 9 { break }
                value = value &* 10 &+ Int64(digit)
                index += 1
            }
            if index == length { return .count(value) }
        }
        return slowHits(bytes)
    }

    private static func slowHits(_ bytes: UnsafeBufferPointer<UInt8>) -> Hits {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard isDecimal(text), let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            return .notANumber
        }
        if value < 0 { return .negative }
        if value >= 0x1p63 { return .tooLarge }
        if value.rounded(.down) != value { return .fraction(roundedUp: Int64(value.rounded(.up))) }
        // Whole numbers written with digits only are read exactly (a double keeps 53 bits).
        if text.allSatisfy({ digitValue($0) != nil }) {
            var exact: Int64 = 0
            for byte in text {
                let (times, overflow1) = exact.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(Int64(byte - 48))
                if overflow1 || overflow2 { return .tooLarge }
                exact = plus
            }
            return .count(exact)
        }
        return .count(Int64(value))
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`: what every producer writes, and
    /// not the hexadecimal, `inf` and `nan` spellings `Double(String)` would also take.
    private static func isDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < text.count, digitValue(text[index]) != nil { index += 1 }
            return index - start
        }
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
        var mantissa = digits()
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == text.count
    }

    /// A floating-point value, or `nil` for text that is not a finite number (`NaN`, empty, words).
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count > 0, bytes.count < 64 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// What a `condition-coverage` attribute says.
    enum Condition: Equatable {
        /// `50% (1/2)` → covered 1 of 2; the percentage is not read.
        case branches(covered: Int32, valid: Int32)
        /// More covered than there are (`150% (3/2)`).
        case overCovered
        /// No `(covered/valid)` of whole numbers below 2³¹.
        case unreadable
    }

    /// `condition-coverage="50% (1/2)"` → `.branches(covered: 1, valid: 2)`.
    static func conditionCoverage(_ bytes: UnsafeBufferPointer<UInt8>) -> Condition {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")) else { return .unreadable }
        var index = open + 1
        func readInt() -> Int32? {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: Int32 = 0
            var digits = 0
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(Int32(digit))
                guard !overflow1, !overflow2 else { return nil }
                value = plus
                digits += 1
                index += 1
            }
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            return digits > 0 ? value : nil
        }
        guard let covered = readInt(), index < bytes.count, bytes[index] == UInt8(ascii: "/") else {
            return .unreadable
        }
        index += 1
        guard let valid = readInt(), index < bytes.count, bytes[index] == UInt8(ascii: ")") else { return .unreadable }
        return covered <= valid ? .branches(covered: covered, valid: valid) : .overCovered
    }

    /// `true` in any letter case (coverlet writes `True`).
    static func isTrue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 4 else { return false }
        return bytes[0] | 0x20 == UInt8(ascii: "t") && bytes[1] | 0x20 == UInt8(ascii: "r")
            && bytes[2] | 0x20 == UInt8(ascii: "u") && bytes[3] | 0x20 == UInt8(ascii: "e")
    }

    @inline(__always) private static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= 48 && byte <= 57 ? byte - 48 : nil
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }
}
