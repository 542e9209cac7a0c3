import Formatting
import Foundation
import Testing

/// JSONText is the one JSON writer (summaries, listings, exports, the alert log, `inspect --json`).
@Suite("JSON text")
struct JSONTextTests {
    @Test(
        "Strings escape quotes, backslashes and control characters, and keep / and non-ASCII as they are",
        arguments: [
            ("plain", "\"plain\""), ("a\"b\\c", "\"a\\\"b\\\\c\""), ("tab\tnl\ncr\r", "\"tab\\tnl\\ncr\\r\""),
            ("\u{1}\u{1F}\u{8}\u{C}", "\"\\u0001\\u001f\\b\\f\""), ("src/é ✓", "\"src/é ✓\""),
        ])
    func strings(value: String, expected: String) {
        #expect(JSONText.string(value) == expected)
    }

    @Test("Whatever a string holds, Foundation reads back the same string")
    func roundTrip() throws {
        let value = "x\u{0}y\"z\\\u{7F}\u{2028}/😀"
        let parsed =
            try JSONSerialization.jsonObject(with: Data(("[" + JSONText.string(value) + "]").utf8)) as? [String]
        #expect(parsed == [value])
    }

    @Test(
        "Numbers: up to 6 decimals, no trailing zeros, negative values keep their sign, null when unknown",
        arguments: [
            (nil as Double?, "null"), (0.0, "0"), (1.0, "1"), (0.5, "0.5"), (-15.02, "-15.02"), (-0.25, "-0.25"),
            (-0.0000001, "0"), (0.1234567, "0.123457"), (2.0 / 3.0, "0.666667"), (Double.nan, "null"),
        ])
    func rates(value: Double?, expected: String) {
        #expect(JSONText.rate(value) == expected)
    }

    @Test("Objects keep the order given")
    func objects() {
        #expect(JSONText.object([("b", "1"), ("a", JSONText.string(nil))]) == "{\"b\": 1, \"a\": null}")
    }
}

@Suite("Decimal digits")
struct DecimalDigitsTests {
    @Test(
        "Integers of every width append as plain digits after what is there",
        arguments: [
            (0, "0"), (7, "7"), (-120, "-120"), (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
        ])
    func digits(value: Int, expected: String) {
        var bytes: [UInt8] = Array("n=".utf8)
        bytes.appendDecimal(value)
        #expect(String(decoding: bytes, as: UTF8.self) == "n=" + expected)
    }
}
