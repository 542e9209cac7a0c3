import Foundation
import TestSupport
import Testing

/// Every file of ../shared/corpus against its expected.json (real producers' output).
@Suite("Shared corpus", .enabled(if: FixturePaths.sharedCorpus != nil, "../shared/corpus is absent: skipped"))
struct CorpusTests {
    @Test("Cobertura totals, per-file counts and error kinds match expected.json")
    func coberturaEntriesMatch() throws {
        let corpus = try #require(FixturePaths.sharedCorpus)
        let expected = try ExpectedTotals.load(from: corpus)
        #expect(!expected.cobertura.isEmpty)
        for (path, expectation) in expected.cobertura.sorted(by: { $0.key < $1.key }) {
            ExpectedTotalsChecker.checkCobertura(path, in: corpus, expecting: expectation)
        }
    }

    @Test("JUnit counts match expected.json")
    func junitEntriesMatch() throws {
        let corpus = try #require(FixturePaths.sharedCorpus)
        let expected = try ExpectedTotals.load(from: corpus)
        #expect(!expected.junit.isEmpty)
        for (path, expectation) in expected.junit.sorted(by: { $0.key < $1.key }) {
            ExpectedTotalsChecker.checkJUnit(path, in: corpus, expecting: expectation)
        }
    }
}
