import Foundation

/// Number parsing straight from attribute bytes. Producers write counts as integers, as floats
/// (`"1.0"` from the Swift converter, kcov's `"1.0"`), and occasionally with exponents.
enum NumberParsing {
    /// An integer count; floats are truncated toward zero; `nil` when the text is not a finite number.
    @inline(__always)
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
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
            if index == length { return value }
        }
        return slowCount(bytes)
    }

    private static func slowCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let end = bytes.count
        while index < end, isSpace(bytes[index]) { index += 1 }
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value: Int64 = 0
        var digits = 0
        while index < end, let digit = digitValue(bytes[index]) {
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 { return double(bytes).map(clamp) }
            value = added
            digits += 1
            index += 1
        }
        while index < end, isSpace(bytes[index]) { index += 1 }
        if index == end, digits > 0 { return negative ? -value : value }
        return double(bytes).map(clamp)
    }

    /// A floating-point value, or `nil` for text that is not a finite number (`NaN`, empty, words).
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count > 0, bytes.count < 64 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `condition-coverage="50% (1/2)"` → (covered: 1, valid: 2); `nil` when there is no `(a/b)`.
    static func conditionCoverage(_ bytes: UnsafeBufferPointer<UInt8>) -> (covered: Int32, valid: Int32)? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")) else { return nil }
        var index = open + 1
        func readInt() -> Int32? {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: Int32 = 0
            var digits = 0
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = next &+ Int32(digit)
                digits += 1
                index += 1
            }
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            return digits > 0 ? value : nil
        }
        guard let covered = readInt(), index < bytes.count, bytes[index] == UInt8(ascii: "/") else { return nil }
        index += 1
        guard let valid = readInt(), index < bytes.count, bytes[index] == UInt8(ascii: ")") else { return nil }
        guard valid >= 0, covered >= 0 else { return nil }
        return (min(covered, valid), valid)
    }

    /// `true` in any letter case (coverlet writes `True`).
    static func isTrue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 4 else { return false }
        return bytes[0] | 0x20 == UInt8(ascii: "t") && bytes[1] | 0x20 == UInt8(ascii: "r")
            && bytes[2] | 0x20 == UInt8(ascii: "u") && bytes[3] | 0x20 == UInt8(ascii: "e")
    }

    private static func clamp(_ value: Double) -> Int64 {
        if value >= 9.2e18 { return Int64.max }
        if value <= -9.2e18 { return Int64.min }
        return Int64(value)
    }

    @inline(__always) private static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= 48 && byte <= 57 ? byte - 48 : nil
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }
}
