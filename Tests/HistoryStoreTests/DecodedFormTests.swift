import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

@_spi(Fuzzing) @testable import HistoryStore

/// A run just recorded is drawn from memory as its archives decode (`ReportArchive.decodedForm`):
/// the same values `decode(encode(…))` gives, or `nil` where the archive would change them.
struct DecodedFormTests {
    /// Every Cobertura report among the fixtures and, when present, the shared corpus.
    static func reports() -> [(name: String, report: CoverageReport)] {
        var paths: [String] = []
        let fixtures = FixturePaths.fixture("")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? [] {
            paths.append(fixtures + "/" + name)
        }
        if let corpus = FixturePaths.sharedCorpus, let walk = FileManager.default.enumerator(atPath: corpus.path) {
            for case let path as String in walk { paths.append(corpus.path + "/" + path) }
        }
        return paths.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".xml.gz") }.sorted().compactMap { path in
            (try? CoberturaParser().parse(contentsOf: path)).map { (path, $0) }
        }
    }

    /// What the archive gives back.
    static func decoded(_ report: CoverageReport, _ tests: TestResults?) -> (CoverageReport, TestResults?)? {
        ReportArchive.decode(ReportArchive.encode(report, tests: tests)).map { ($0.report, $0.tests) }
    }

    @Test("Every real report, with and without test results, keys and odd times, is what its archive decodes")
    func realReports() throws {
        let reports = Self.reports()
        #expect(reports.count >= 30, "fixtures read: \(reports.count)")
        let junit = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
        var timed = junit
        timed.timestamp = Date(timeIntervalSince1970: 1_700_000_000.75)
        for (name, report) in reports {
            var keyed = report
            for index in keyed.files.indices where index % 2 == 0 {
                keyed.files[index].key = "src/" + keyed.files[index].name
            }
            var fractional = report
            fractional.timestamp = Date(timeIntervalSince1970: -12.5)
            for (variant, tests) in [(report, nil), (keyed, junit), (fractional, timed)] {
                let form = try #require(ReportArchive.decodedForm(of: variant, tests: tests), "\(name)")
                let archived = try #require(Self.decoded(variant, tests), "\(name)")
                #expect(form.report == archived.0 && form.tests == archived.1, "\(name)")
            }
        }
    }

    @Test(
        "A file changed after it was made (functions out of order, lines with stale counts) is what its archive decodes"
    )
    func changedAfterMade() throws {
        let base = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("java-conditions.xml"))
        let withFunctions = try #require(base.files.firstIndex { $0.functions.count >= 2 })
        var reversed = base
        reversed.files[withFunctions].functions.reverse()
        var restated = base
        restated.files[0].lines = restated.files[0].lines.map {
            LineCoverage(number: $0.number, hits: $0.hits + 1, branchesValid: $0.branchesValid, branchesCovered: 0)
        }
        for (label, report) in [("functions reversed", reversed), ("lines restated", restated)] {
            let form = try #require(ReportArchive.decodedForm(of: report, tests: nil), "\(label)")
            let archived = try #require(Self.decoded(report, nil), "\(label)")
            #expect(form.report == archived.0, "\(label)")
            // The file is made again, so its counts are its lines' (not the stale ones kept in memory).
            #expect(form.report.files != report.files, "\(label)")
        }
    }

    @Test("Values an archive would change or refuse give nil, and the archive is decoded instead")
    func changedValues() throws {
        let base = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("gcovr-conditions.xml"))
        let tests = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
        var cases: [(String, CoverageReport, TestResults?)] = []
        func edited(_ name: String, tests: TestResults? = nil, _ change: (inout CoverageReport) -> Void) {
            var report = base
            change(&report)
            cases.append((name, report, tests))
        }
        edited("a line twice") { $0.files[0].lines.append($0.files[0].lines.last!) }
        edited("a line 0") { $0.files[0].lines.insert(LineCoverage(number: 0, hits: 1), at: 0) }
        edited("negative hits") { $0.files[0].lines[0].hits = -1 }
        edited("negative branches") {
            $0.files[0].lines[0].branchesValid = -2
            $0.files[0].lines[0].branchesCovered = -3
        }
        edited("more branches covered than valid") { $0.files[0].lines[0].branchesCovered = 9 }
        edited("a function's negative hits") {
            $0.files[0].functions = [FunctionCoverage(name: "f", line: 1, hits: -4, linesValid: 1, linesCovered: 1)]
        }
        edited("a function's negative lines") {
            $0.files[0].functions = [FunctionCoverage(name: "f", line: 1, hits: 1, linesValid: -1, linesCovered: 0)]
        }
        var wrongTests = tests
        wrongTests.passed += 1
        edited("test counts that do not add up", tests: wrongTests) { _ in }
        var negativeTests = tests
        negativeTests.skipped = -1
        negativeTests.tests -= 1 + tests.skipped
        edited("negative test counts", tests: negativeTests) { _ in }
        #expect(cases.count == 9)
        for (name, report, tests) in cases {
            #expect(ReportArchive.decodedForm(of: report, tests: tests) == nil, "\(name)")
        }
        // A time no whole number of seconds holds is written as unknown (encoding it trapped before).
        var unwritable = base
        unwritable.timestamp = Date(timeIntervalSince1970: .infinity)
        let unknown = try #require(ReportArchive.decodedForm(of: unwritable, tests: nil))
        #expect(unknown.report.timestamp == nil)
        #expect(Self.decoded(unwritable, nil)?.0 == unknown.report)
        // A time outside the stored range is written and read back as unknown, in both.
        var far = base
        far.timestamp = Date(timeIntervalSince1970: 9e15)
        let form = try #require(ReportArchive.decodedForm(of: far, tests: nil))
        #expect(form.report.timestamp == nil)
        #expect(Self.decoded(far, nil)?.0 == form.report)
    }

    @Test("The newest runs with the run just recorded known equal the newest runs decoded from the history")
    func newestRunsKnown() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        var ids: [String] = []
        for index in 0..<2 {
            let run = try HistoryStoreTests.run(
                commit: "c\(index)", hash: "h\(index)", time: 1_700_000_000 + Double(index))
            guard case .recorded(let id) = try store.record(run) else { throw HistoryError.io(path: "", message: "") }
            ids.append(id)
            let decoded = try #require(try store.newestRuns())
            let known = try #require(try store.newestRuns(known: (id, run)))
            #expect(known.latest.run == decoded.latest.run)
            #expect(known.latest.summary == decoded.latest.summary)
            #expect(known.ids == decoded.ids)
        }
        // A run that is not the latest is not taken for it.
        let older = try HistoryStoreTests.run(commit: "c0", hash: "h0", time: 1_700_000_000)
        let stale = try #require(try store.newestRuns(known: (ids[0], older)))
        #expect(stale.latest.summary.id == ids[1])
        #expect(stale.latest.run == (try store.newestRuns())?.latest.run)
    }
}
