import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

/// What later pages need from the reader beyond totals.
struct ReaderDetailTests {
    @Test("coverage.py's missing-branches and real line hits are kept per line")
    func keepsPerLineDetail() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-missing-branches.xml"))
        let file = try #require(report.files.first)
        let lines = file.lines
        #expect(!file.missingBranches.isEmpty)
        for (number, targets) in file.missingBranches {
            #expect(lines.first { $0.number == number }?.isPartial == true, "\(number): \(targets)")
        }
        #expect(lines.map(\.number) == lines.map(\.number).sorted())
        #expect(report.producer == .coveragePy)
    }

    @Test("The sources roots are kept, \\ turned into /, empty ones dropped")
    func sources() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("tarpaulin-windows-paths.xml"))
        #expect(report.sources.allSatisfy { !$0.contains("\\") && !$0.isEmpty })
        #expect(report.files.allSatisfy { !$0.name.contains("\\") })
    }

    @Test("Huge and float hit counts are read as counts")
    func hitCounts() throws {
        let huge = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-hits-huge.xml"))
        #expect(huge.files.flatMap(\.lines).map(\.hits).max() == 12_345_678_901)
        let floats = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-hits-float-exp.xml"))
        #expect(floats.files.flatMap(\.lines).contains { $0.hits == 1000 })
    }

    @Test("JUnit collection errors name the modules pytest could not import; .gz is read")
    func junitCollectionErrors() throws {
        let results = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
        #expect(results.collectionErrors == results.collectionErrorModules.count)
        #expect(results.collectionErrors > 0)
        let gz = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest.xml.gz"))
        let plain = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest.xml"))
        #expect(gz == plain)
    }

    @Test("Document kinds are told apart by the root element")
    func documentKinds() throws {
        #expect(try DocumentKind.detect(contentsOf: FixturePaths.fixture("junit-pytest.xml")) == .junit)
        #expect(try DocumentKind.detect(contentsOf: FixturePaths.fixture("coverage.py-branches.xml")) == .cobertura)
        #expect(
            try DocumentKind.detect(contentsOf: FixturePaths.fixture("broken-xhtml-page.xml"))
                == .other(rootElement: "html"))
    }
}
