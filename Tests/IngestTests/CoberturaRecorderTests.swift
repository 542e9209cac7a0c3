import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The two-thread parse: libxml2's events are recorded on one thread and replayed on another.
/// Whatever the hand-over size, the result is the one a single thread would give, and messages name
/// the XML line of the element they are about.
struct CoberturaRecorderTests {
    static let fixtures: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: FixturePaths.fixture(""))) ?? [])
        .filter { ($0.hasSuffix(".xml") || $0.hasSuffix(".xml.gz")) && !$0.hasPrefix("junit-") }
        .sorted()

    private static func read(_ path: String, chunk: Int? = nil) -> Result<CoverageReport, IngestError> {
        let parser = chunk.map { CoberturaParser(eventChunkCapacity: $0) } ?? CoberturaParser()
        do { return .success(try parser.parse(contentsOf: path)) } catch { return .failure(error) }
    }

    @Test(
        "Every fixture reads the same when its events cross threads 1, 64 or 1 024 bytes at a time", arguments: fixtures
    )
    func tinyChunks(_ name: String) {
        let path = FixturePaths.fixture(name)
        let whole = Self.read(path)
        for capacity in [1, 64, 1024] {
            #expect(Self.read(path, chunk: capacity) == whole, "\(name), \(capacity)-byte chunks")
        }
    }

    /// coverage.py's `calc.py` class, repeated under `count` names: a report of many chunks made of a
    /// real producer's elements. `last` replaces the last class's first `<line>`.
    private static func repeatedReport(count: Int, last: String? = nil) throws -> String {
        let fixture = try String(contentsOfFile: FixturePaths.fixture("coverage.py-branches.xml"), encoding: .utf8)
        let classStart = try #require(fixture.range(of: "\t\t\t\t<class name=\"calc.py\""))
        let classEnd = try #require(fixture.range(of: "</class>\n", range: classStart.upperBound..<fixture.endIndex))
        let calc = String(fixture[classStart.lowerBound..<classEnd.upperBound])
        let head = try #require(fixture.range(of: "\t\t\t<classes>\n"))
        var classes = (0..<count).map { calc.replacingOccurrences(of: "\"calc.py\"", with: "\"pkg/m\($0).py\"") }
        if let last {
            classes[count - 1] = classes[count - 1].replacingOccurrences(
                of: "<line number=\"1\" hits=\"1\"/>", with: last)
        }
        return String(fixture[..<head.upperBound]) + classes.joined()
            + "\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n"
    }

    @Test("A report of many chunks keeps every file's counts; a line warning near its end names that line")
    func manyChunks() throws {
        let folder = try TemporaryFolder()
        let text = try Self.repeatedReport(count: 20_000, last: "<line number=\"0\" hits=\"1\"/>")
        #expect(text.utf8.count > 20 * EventChunk.standardCapacity)
        let path = try folder.write("coverage.xml", text)
        let report = try CoberturaParser().parse(contentsOf: path)
        #expect(report.files.count == 20_000)
        // calc.py: 7 lines, 5 covered, 4 branches, 3 covered; the last copy lost its line 1.
        #expect(report.totals.linesValid == 7 * 20_000 - 1)
        #expect(report.totals.linesCovered == 5 * 20_000 - 1)
        #expect(report.totals.branchesValid == 4 * 20_000)
        #expect(report.totals.branchesCovered == 3 * 20_000)
        #expect(report.files.allSatisfy { $0.missingBranches == [3: "5"] })
        let xmlLine = try TextLine.of("<line number=\"0\"", in: text)
        // The header still states one calc.py's totals, which the second warning says.
        #expect(report.warnings.count == 2)
        #expect(report.warnings.first?.hasPrefix("\(path):\(xmlLine): <line number=\"0\"> in pkg/m19999.py") == true)
        #expect(report.warnings.last?.hasPrefix("the report's header states") == true)
    }

    @Test("A broken tag or an entity near the end of a report of many chunks is reported at its own line")
    func lateErrors() throws {
        let folder = try TemporaryFolder()
        let broken = try Self.repeatedReport(count: 20_000, last: "<line number=\"1\" hits=\"1\"<")
        let brokenPath = try folder.write("broken.xml", broken)
        let brokenLine = try TextLine.of("hits=\"1\"<", in: broken)
        switch Self.read(brokenPath) {
        case .failure(.malformedXML(_, let line, _, _)): #expect(line == brokenLine)
        case let other: Issue.record("expected malformed XML, got \(other)")
        }
        let entity = try Self.repeatedReport(count: 20_000, last: "<line number=\"&bogus;\" hits=\"1\"/>")
        let entityPath = try folder.write("entity.xml", entity)
        let entityLine = try TextLine.of("&bogus;", in: entity)
        switch Self.read(entityPath) {
        case .failure(.refusedEntity(_, let line, _, let name)):
            #expect(line == entityLine)
            #expect(name == "bogus")
        case let other: Issue.record("expected a refused entity, got \(other)")
        }
    }

    @Test("A root that is not <coverage> is refused at its line, though megabytes of classes follow it")
    func refusalStopsTheParse() throws {
        let folder = try TemporaryFolder()
        let text = try Self.repeatedReport(count: 20_000).replacingOccurrences(of: "<coverage ", with: "<report ")
            .replacingOccurrences(of: "</coverage>", with: "</report>")
        let path = try folder.write("report.xml", text)
        switch Self.read(path) {
        case .failure(.notCobertura(_, let line, _, _)): #expect(line == (try TextLine.of("<report ", in: text)))
        case let other: Issue.record("expected not-Cobertura, got \(other)")
        }
    }
}
