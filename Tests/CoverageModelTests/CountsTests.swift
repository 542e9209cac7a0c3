import CoverageModel
import Foundation
import Testing

struct CountsTests {
    @Test(
        "Rates are nil when nothing can be covered, else covered/valid",
        arguments: [
            (Counts(linesValid: 0, linesCovered: 0), nil as Double?),
            (Counts(linesValid: 4, linesCovered: 0), 0.0),
            (Counts(linesValid: 4, linesCovered: 3), 0.75),
            (Counts(linesValid: 3, linesCovered: 3), 1.0),
        ])
    func lineRate(_ counts: Counts, _ expected: Double?) {
        #expect(counts.lineRate == expected)
    }

    @Test("Zero branches means branches were not measured: no rate, never 100 %")
    func branchesNotMeasured() {
        let counts = Counts(linesValid: 10, linesCovered: 10, branchesValid: 0, branchesCovered: 0)
        #expect(counts.branchRate == nil)
        #expect(!counts.measuresBranches)
    }

    @Test("Totals are sums of counts")
    func totals() {
        let parts = [
            Counts(linesValid: 3, linesCovered: 1, branchesValid: 2, branchesCovered: 1),
            Counts(linesValid: 5, linesCovered: 5, branchesValid: 0, branchesCovered: 0),
        ]
        #expect(parts.total() == Counts(linesValid: 8, linesCovered: 6, branchesValid: 2, branchesCovered: 1))
        #expect(parts.total().linesMissed == 2)
    }
}

struct LineCoverageTests {
    @Test("A line record stays small and free of reference counting")
    func layout() {
        #expect(MemoryLayout<LineCoverage>.stride == 24)
        #expect(_isPOD(LineCoverage.self))
    }

    @Test(
        "A line seen twice keeps the larger hits and the branch entry with more branches, then more covered",
        arguments: [
            (LineCoverage(number: 1, hits: 0), LineCoverage(number: 1, hits: 3), LineCoverage(number: 1, hits: 3)),
            (
                LineCoverage(number: 1, hits: 2, branchesValid: 2, branchesCovered: 1),
                LineCoverage(number: 1, hits: 1, branchesValid: 4, branchesCovered: 0),
                LineCoverage(number: 1, hits: 2, branchesValid: 4, branchesCovered: 0)
            ),
            (
                LineCoverage(number: 1, hits: 1, branchesValid: 2, branchesCovered: 2),
                LineCoverage(number: 1, hits: 1, branchesValid: 2, branchesCovered: 1),
                LineCoverage(number: 1, hits: 1, branchesValid: 2, branchesCovered: 2)
            ),
        ])
    func merge(_ first: LineCoverage, _ second: LineCoverage, _ expected: LineCoverage) {
        #expect(first.merged(with: second) == expected)
        #expect(second.merged(with: first).branchesValid == expected.branchesValid)
    }

    @Test("Covered means hits > 0; partial means covered with a branch never taken")
    func coveredAndPartial() {
        #expect(!LineCoverage(number: 1, hits: 0).isCovered)
        #expect(LineCoverage(number: 1, hits: 1, branchesValid: 2, branchesCovered: 1).isPartial)
        #expect(!LineCoverage(number: 1, hits: 0, branchesValid: 2, branchesCovered: 0).isPartial)
    }
}

struct ISO8601Tests {
    @Test(
        "Dates are written in UTC ISO 8601 without a locale",
        arguments: [
            (0.0, "1970-01-01T00:00:00Z"),
            (1_700_000_000.0, "2023-11-14T22:13:20Z"),
            (951_782_400.0, "2000-02-29T00:00:00Z"),
            (-1.0, "1969-12-31T23:59:59Z"),
        ])
    func format(_ seconds: Double, _ text: String) {
        #expect(ISO8601.string(from: .init(timeIntervalSince1970: seconds)) == text)
        #expect(ISO8601.date(from: text)?.timeIntervalSince1970 == seconds)
    }

    @Test(
        "Parsing is strict: days that do not exist and out-of-range fields are refused",
        arguments: [
            "2024-02-30", "2023-02-29T00:00:00Z", "2026-13-01", "2026-04-31T10:00:00Z", "2026-01-01T24:00:00Z",
            "2026-01-01T10:60:00Z", "2026-01-01T10:00:60Z", "2026-1-01", "2026-01-01T10:00:00",
            "2026-01-01T10:00:00Zjunk",
            "2026-01-01T10:00:00+25:00", "", "yesterday", "2026-01-01T10:00:00.Z",
        ])
    func refusesImpossibleDates(_ text: String) {
        #expect(ISO8601.date(from: text) == nil)
    }

    @Test(
        "Zones, fractions and bare dates",
        arguments: [
            ("2024-02-29", 1_709_164_800.0), ("2026-11-30T04:31:17.115550+00:00", 1_796_013_077.0),
            ("2026-11-30T06:31:17+02:00", 1_796_013_077.0), ("2026-11-30T04:31:17-0000", 1_796_013_077.0),
            ("1969-12-31T23:59:59Z", -1.0), ("0001-01-01T00:00:00Z", -62_135_596_800.0),
        ])
    func parses(_ text: String, _ seconds: Double) {
        #expect(ISO8601.date(from: text)?.timeIntervalSince1970 == seconds)
    }
}

extension ISO8601Tests {
    @Test(
        "Every day from 1900 to 2200, at some second of it, reads as Foundation's formatter writes it; years past 9999 too"
    )
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seconds = -2_208_988_800.0  // 1900-01-01
        while seconds < 7_258_118_400 {  // 2200-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601.string(from: date) == formatter.string(from: date))
            seconds += 86_400 + 3_727  // a day and some hours, minutes, seconds: every time of day comes round
        }
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
    }
}
