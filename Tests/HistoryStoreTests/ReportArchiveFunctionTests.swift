import CoverageModel
import Foundation
import Testing

@_spi(Fuzzing) @testable import HistoryStore

/// Functions in the stored per-line archive (version 3).
struct ReportArchiveFunctionTests {
    static let report = CoverageReport(
        producer: .gcovr, producerVersion: "gcovr 8.8", timestamp: Date(timeIntervalSince1970: 1_700_000_000),
        sources: ["/src"],
        files: [
            SourceFile(
                name: "a.c", key: "a.c",
                lines: [
                    LineCoverage(number: 3, hits: 2),
                    LineCoverage(number: 5, hits: 0, branchesValid: 2, branchesCovered: 1),
                ],
                functions: [
                    FunctionCoverage(
                        name: "main", signature: "(int)", line: 3, hits: 2, linesValid: 2, linesCovered: 1),
                    FunctionCoverage(name: "<init>", line: 0, hits: 0, linesValid: 0, linesCovered: 0),
                    FunctionCoverage(name: "clamp", line: 0, hits: nil, linesValid: 0, linesCovered: 0),
                ])
        ])

    @Test("A report with functions comes back as it was written")
    func roundTrip() throws {
        let decoded = try #require(ReportArchive.decode(ReportArchive.encode(Self.report, tests: nil)))
        #expect(decoded.report == Self.report)
        #expect(decoded.report.files[0].functions.map(\.name) == ["<init>", "clamp", "main"])
        // No call count stays unknown; it does not become 0 (never called).
        #expect(decoded.report.files[0].functions.map(\.hits) == [0, nil, 2])
    }

    @Test("Archives of versions 1 and 2 (no functions) still read, with no functions", arguments: ["TMR1", "TMR2"])
    func earlierFormats(_ magic: String) throws {
        var writer = ByteWriter()
        writer.bytes(Array(magic.utf8))
        writer.string("gcovr")
        writer.optionalString("gcovr 8.8")
        writer.optionalInt(1_700_000_000)
        writer.strings(["/src"])
        writer.strings([])
        writer.varint(1)
        writer.string("a.c")
        writer.optionalString("a.c")
        writer.varint(2)
        for (delta, hits, valid, covered) in [(3, 2, 0, 0), (2, 0, 2, 1)] as [(Int64, Int64, UInt64, UInt64)] {
            writer.signed(delta)
            writer.signed(hits)
            writer.varint(valid)
            writer.varint(covered)
        }
        writer.varint(0)  // missing branches
        writer.varint(0)  // no tests
        let decoded = try #require(ReportArchive.decode(ReportArchive.compress(writer.buffer)))
        var expected = Self.report
        expected.files[0].functions = []
        #expect(decoded.report == expected)
        #expect(decoded.tests == nil)
    }

    @Test("A function count larger than the bytes left is refused, not reserved")
    func hugeFunctionCount() throws {
        var writer = ByteWriter()
        writer.varint(UInt64(Int64.max))
        var reader = ByteReader(writer.buffer)
        #expect(reader.functions() == nil)
    }
}
