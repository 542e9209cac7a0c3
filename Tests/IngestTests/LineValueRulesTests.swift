import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// Odd `number`, `hits` and `condition-coverage` values: each follows its rule (README, "How counting
/// works") and gets a warning naming the report, its line, the value and what was done.
struct LineValueRulesTests {
    static func warnings(_ fixture: String) throws -> [String] {
        let path = FixturePaths.fixture(fixture)
        return try CoberturaParser().parse(contentsOf: path).warnings.map {
            $0.replacingOccurrences(of: path, with: "X")
        }
    }

    @Test("Line numbers outside 1…2³¹−1 or not in plain digits are skipped, each with a warning")
    func lineNumbers() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-line-numbers-odd.xml"))
        #expect(report.files[0].lines.map(\.number) == [1, 2, 2_147_483_647])
        let skipped = "not a line number (a whole number from 1 to 2147483647); the line is skipped"
        let expected =
            [
                (14, "0"), (15, "-1"), (16, "+4"), (17, "0x10"), (18, "5.0"), (19, "1e1"), (21, "2147483648"),
                (22, "4294967297"), (23, "99999999999999999999"), (24, ""),
            ].map { "X:\($0.0): <line number=\"\($0.1)\"> in src/odd.c: \(skipped)" }
            + ["X:25: <line without number> in src/odd.c: the line is skipped"]
        #expect(try Self.warnings("generic-line-numbers-odd.xml") == expected)
    }

    @Test("Hit counts: inf, NaN, hex, words and missing skip the line; negative → 0; fractions round up; huge → 2⁶³−1")
    func hitCounts() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-hits-odd.xml"))
        let hits = Dictionary(uniqueKeysWithValues: report.files[0].lines.map { ($0.number, $0.hits) })
        #expect(
            hits == [
                8: 0, 9: 0, 10: 1, 11: 3, 12: Int64.max, 13: Int64.max, 14: 4, 15: 7, 16: 0, 17: 1000, 18: 0,
            ])
        let warnings = try Self.warnings("generic-hits-odd.xml")
        #expect(warnings.count == 13)
        #expect(
            warnings.contains(
                "X:12: <line number=\"1\" hits=\"inf\"> in src/hits.c: the hit count is not a number; the line is "
                    + "skipped"
            ))
        #expect(
            warnings.contains(
                "X:14: <line number=\"3\" hits=\"NaN\"> in src/hits.c: the hit count is not a number; the line is "
                    + "skipped"
            ))
        #expect(warnings.contains("X:18: <line number=\"7\" without hits> in src/hits.c: the line is skipped"))
        #expect(
            warnings.contains(
                "X:19: <line number=\"8\" hits=\"-3\"> in src/hits.c: a negative hit count; counted as 0 (not covered)")
        )
        #expect(
            warnings.contains(
                "X:21: <line number=\"10\" hits=\"0.5\"> in src/hits.c: not a whole hit count; rounded up"))
        #expect(
            warnings.contains(
                "X:23: <line number=\"12\" hits=\"99999999999999999999\"> in src/hits.c: larger than 2^63-1; kept as "
                    + "9223372036854775807"
            ))
    }

    @Test("condition-coverage covering more than there are, unreadable or missing: the line counts without branches")
    func conditionCoverage() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-condition-coverage-odd.xml"))
        #expect(
            report.files[0].lines.map { "\($0.branchesCovered)/\($0.branchesValid)" }
                == ["1/2", "0/0", "0/0", "0/0", "0/0", "2/2", "0/0", "0/0"])
        #expect(
            try Self.warnings("generic-condition-coverage-odd.xml") == [
                "X:13: <line number=\"2\" condition-coverage=\"150% (3/2)\"> in src/cond.c: more branches covered than "
                    + "there are; "
                    + "the line counts without branches",
                "X:14: <line number=\"3\" condition-coverage=\"half\"> in src/cond.c: no (covered/valid) of whole "
                    + "numbers below "
                    + "2^31 in it; the line counts without branches",
                "X:15: <line number=\"4\" branch=\"true\" without condition-coverage> in src/cond.c: the line counts "
                    + "without branches",
                "X:16: <line number=\"5\" condition-coverage=\"0% (0/99999999999)\"> in src/cond.c: no (covered/valid) "
                    + "of whole "
                    + "numbers below 2^31 in it; the line counts without branches",
            ])
    }

    @Test("Fixtures from real producers give no line warnings")
    func realProducersWarnNothing() throws {
        let folder = FixturePaths.fixture("")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter {
                $0.hasSuffix(".xml") && !$0.hasPrefix("broken-") && !$0.hasPrefix("security-")
                    && !$0.hasPrefix("junit-")
            }
            .filter {
                ![
                    "generic-line-numbers-odd.xml", "generic-hits-odd.xml", "generic-condition-coverage-odd.xml",
                    "generic-line-zero-and-negative.xml",
                ].contains($0)
            }
        #expect(names.count >= 25)
        for name in names {
            let report = try CoberturaParser().parse(contentsOf: folder + "/" + name)
            #expect(!report.warnings.contains { $0.contains("<line ") }, "\(name): \(report.warnings)")
        }
    }

    @Test("Header totals that differ from the <line> elements are said once; equal ones say nothing")
    func headerTotals() throws {
        let lies = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-header-lies.xml"))
        #expect(
            lies.warnings.filter { $0.contains("header") } == [
                "the report's header states 14000 of 14183 lines covered (its <line> elements: 1 of 3) and 0 of 0 "
                    + "branches covered (its <line> elements: 0 of 2); Tidemark counts the <line> elements, each "
                    + "line of a file once (docs/counting.md)"
            ])
        for name in ["gcovr-8.8-inline-header.xml", "coverage.py-missing-branches.xml"] {
            let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture(name))
            #expect(!report.warnings.contains { $0.contains("header") }, "\(name): \(report.warnings)")
        }
        // A header with no totals, or totals that are no whole numbers, is not compared.
        #expect(
            CoberturaParser.headerWarnings(
                Counts(linesValid: -1, linesCovered: -1, branchesValid: -1, branchesCovered: -1),
                counted: Counts(linesValid: 3)
            ).isEmpty)
        #expect(
            CoberturaParser.headerWarnings(
                Counts(linesValid: 3, linesCovered: 1, branchesValid: -1, branchesCovered: 0),
                counted: Counts(linesValid: 3, linesCovered: 1, branchesValid: 2)
            ).isEmpty)
    }

    @Test("Millions of odd lines give twenty warnings and a count, not a warning each")
    func warningsAreBounded() throws {
        let folder = try TemporaryFolder()
        let lines = (1...5000).map { "<line number=\"0\" hits=\"\($0)\"/>" }.joined(separator: "\n")
        let path = try folder.write(
            "odd.xml",
            """
            <coverage><packages><package><classes><class filename="a.py"><lines>
            <line number="1" hits="1"/>
            \(lines)
            </lines></class></classes></package></packages></coverage>
            """)
        let warnings = try CoberturaParser().parse(contentsOf: path).warnings
        #expect(warnings.count == 21)
        #expect(warnings.last == "… and 4980 more <line> element(s) skipped or changed by the same rules")
    }
}
