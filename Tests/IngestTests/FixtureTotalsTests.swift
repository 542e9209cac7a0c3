import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

/// The project's own fixtures (one per rule of docs/counting.md, plus broken and hostile files) against the
/// totals that Fixtures/compute_expected.py computes independently.
struct FixtureTotalsTests {
    static let folder = URL(fileURLWithPath: FixturePaths.fixture(""))
    static let expected: ExpectedTotals? = try? ExpectedTotals.load(from: folder)

    @Test("expected.json of the fixtures loads and covers every fixture")
    func expectationsCoverEveryFixture() throws {
        let expected = try #require(Self.expected)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".xml.gz") }
        #expect(Set(names) == Set(expected.cobertura.keys).union(expected.junit.keys))
    }

    @Test(
        "Each Cobertura fixture gives its totals, per-file counts, producer or error kind",
        arguments: (expected?.cobertura.keys.sorted() ?? []))
    func coberturaFixture(_ name: String) throws {
        let expectation = try #require(Self.expected?.cobertura[name])
        ExpectedTotalsChecker.checkCobertura(name, in: Self.folder, expecting: expectation)
    }

    @Test(
        "Each Cobertura fixture's time is read in seconds or milliseconds; 0 or missing is unknown",
        arguments: (expected?.cobertura.filter { $0.value.error == nil }.keys.sorted() ?? []))
    func timestamp(_ name: String) throws {
        let expectation = try #require(Self.expected?.cobertura[name])
        let report = try CoberturaParser().parse(contentsOf: Self.folder.appendingPathComponent(name).path)
        #expect(report.timestamp.map { Int($0.timeIntervalSince1970) } == expectation.timestamp)
    }

    @Test("Each JUnit fixture gives its counts", arguments: (expected?.junit.keys.sorted() ?? []))
    func junitFixture(_ name: String) throws {
        let expectation = try #require(Self.expected?.junit[name])
        ExpectedTotalsChecker.checkJUnit(name, in: Self.folder, expecting: expectation)
    }
}
