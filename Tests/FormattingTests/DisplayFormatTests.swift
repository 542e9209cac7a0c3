import Testing

import Formatting

struct DisplayFormatTests {
    @Test("Percentages have one decimal and never round to 0 % or 100 % unless exact", arguments: [
        (nil as Double?, "n/a"), (0.0, "0.0%"), (1.0, "100.0%"), (0.9996, "99.9%"), (0.99949, "99.9%"),
        (0.0001, "0.1%"), (0.8765, "87.7%"), (0.5, "50.0%"), (2.0 / 3.0, "66.7%"),
    ])
    func percent(_ rate: Double?, _ text: String) {
        #expect(DisplayFormat.percent(rate) == text)
    }

    @Test("Coverage levels map to a small fixed set of CSS classes", arguments: [
        (nil as Double?, "level-none"), (0.0, "level-low"), (0.7499, "level-low"), (0.75, "level-medium"),
        (0.9, "level-high"), (1.0, "level-high"),
    ])
    func levels(_ rate: Double?, _ level: String) {
        #expect(DisplayFormat.levelClass(rate) == level)
    }
}

struct JSONTextTests {
    @Test("Numbers in JSON: up to 6 decimals, negative values keep their sign, never a crash", arguments: [
        (nil as Double?, "null"), (0.0, "0"), (1.0, "1"), (0.5, "0.5"), (-15.02, "-15.02"), (-0.25, "-0.25"),
        (-0.0000001, "0"), (0.1234567, "0.123457"), (Double.nan, "null"),
    ])
    func rate(_ value: Double?, _ text: String) {
        #expect(JSONText.rate(value) == text)
    }
}
