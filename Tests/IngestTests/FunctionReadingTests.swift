import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

/// `<methods>` become each file's function list: first line, hits, lines run.
struct FunctionReadingTests {
    @Test("gcovr: a method's first line, its hits and how many of its lines ran")
    func gcovrMethods() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("gcovr-conditions.xml"))
        let file = try #require(report.files.first)
        #expect(
            file.functions == [
                FunctionCoverage(name: "next_token", line: 12, hits: 8, linesValid: 4, linesCovered: 3)
            ])
        // Method lines still count only through the class's own lines.
        #expect(file.counts.linesValid == 4)
    }

    @Test("gcovr 8.8: a method written with <lines/> has no call count (not 0); the others have their first line's")
    func gcovrMethodWithoutLines() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("gcovr-8.8-inline-header.xml"))
        let functions = Dictionary(
            uniqueKeysWithValues: report.files.flatMap(\.functions).map { ($0.name, $0) })
        // `clamp` ran (its line 3 has 2 hits) but gcovr listed none of its lines under the method.
        let clamp = try #require(functions["clamp"])
        #expect(clamp.hits == nil && clamp.line == 0 && clamp.linesValid == 0)
        #expect(functions["sign"]?.hits == 4)
        #expect(functions["never_called"]?.hits == 0)
        #expect(functions["gcd"]?.hits == 2)
    }

    @Test("grcov: functions listed with their names as written, the class's lines counted once")
    func grcovMethods() throws {
        let report = try CoberturaParser().parse(
            contentsOf: FixturePaths.fixture("grcov-methods-repeat-class-lines.xml"))
        let file = try #require(report.files.first)
        #expect(file.functions.map(\.name) == ["rust_coverage::add", "rust_coverage::tests::<impl Fn>::{closure#0}"])
        #expect(file.functions.map(\.line) == [1, 7])
        #expect(file.functions.map(\.linesCovered) == [2, 1])
    }

    @Test("A method without lines of its own is kept at line 0; one listed twice is merged")
    func oddMethods() throws {
        let xml = """
            <?xml version="1.0"?>
            <coverage version="1"><packages><package name="p"><classes>
            <class name="a" filename="a.c"><methods>
            <method name="twice" signature="(int)"><lines><line number="5" hits="0"/></lines></method>
            <method name="twice" signature="(int)"><lines><line number="5" hits="3"/></lines></method>
            <method name="empty" signature=""/>
            </methods><lines><line number="5" hits="3"/></lines></class>
            </classes></package></packages></coverage>
            """
        let folder = try TemporaryFolder()
        let report = try CoberturaParser().parse(contentsOf: try folder.write("methods.xml", xml))
        let file = try #require(report.files.first)
        #expect(
            file.functions == [
                FunctionCoverage(name: "empty", line: 0, hits: nil, linesValid: 0, linesCovered: 0),
                FunctionCoverage(name: "twice", signature: "(int)", line: 5, hits: 3, linesValid: 1, linesCovered: 1),
            ])
    }

    @Test("istanbul's own method hits win over the first line's; every corpus report with methods gives functions")
    func corpusMethods() throws {
        guard let corpus = FixturePaths.sharedCorpus else {
            print("skipped: ../shared/corpus is absent")
            return
        }
        let root = corpus.appendingPathComponent("public")
        let istanbul = root.appendingPathComponent("istanbul/GrandlineX__core__vitest-or-jest.xml")
        let report = try CoberturaParser().parse(contentsOf: istanbul.path)
        let functions = report.files.flatMap(\.functions)
        #expect(functions.count > 100)
        #expect(functions.contains { $0.name == "constructor" && $0.hits == 1 })
        for name in [
            "gcovr/gcovr__gcovr__doc-example.xml", "cobertura-java/danielpalme__ReportGenerator__rg-fixture.xml",
            "coverlet/irongut__CodeCoverageSummary__coverlet.xml",
        ] {
            let parsed = try CoberturaParser().parse(contentsOf: root.appendingPathComponent(name).path)
            #expect(parsed.files.contains { !$0.functions.isEmpty }, "\(name)")
        }
    }
}
