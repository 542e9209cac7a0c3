import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

/// Compares what the readers make of each file with an `expected.json`, recording one issue per
/// difference so a failure names the file and the field.
enum ExpectedTotalsChecker {
    static func checkCobertura(_ relativePath: String, in folder: URL, expecting expected: CoberturaExpectation) {
        let path = folder.appendingPathComponent(relativePath).path
        let result = Result { () throws(IngestError) in try CoberturaParser().parse(contentsOf: path) }
        switch (result, expected.error) {
        case (.failure(let error), let kind?):
            #expect(error.kind == kind, "\(relativePath): \(error)")
            if let line = expected.line { #expect(error.description.contains(":\(line):"), "\(error)") }
        case (.failure(let error), nil):
            Issue.record("\(relativePath): expected totals, got \(error)")
        case (.success, let kind?):
            Issue.record("\(relativePath): expected error \(kind), but it was read")
        case (.success(let report), nil):
            checkTotals(report, relativePath, expected)
        }
    }

    private static func checkTotals(_ report: CoverageReport, _ relativePath: String, _ expected: CoberturaExpectation)
    {
        let totals = report.totals
        let actual = ExpectedCounts(
            linesValid: totals.linesValid, linesCovered: totals.linesCovered,
            branchesValid: totals.branchesValid, branchesCovered: totals.branchesCovered)
        #expect(actual == expected.totals, "\(relativePath): totals")
        #expect(report.files.count == expected.files, "\(relativePath): files")
        if let perFile = expected.perFile {
            var actualPerFile: [String: ExpectedCounts] = [:]
            for file in report.files {
                actualPerFile[file.name] = ExpectedCounts(
                    linesValid: file.counts.linesValid, linesCovered: file.counts.linesCovered,
                    branchesValid: file.counts.branchesValid, branchesCovered: file.counts.branchesCovered)
            }
            #expect(Set(actualPerFile.keys) == Set(perFile.keys), "\(relativePath): file names")
            for (name, counts) in perFile.sorted(by: { $0.key < $1.key }) {
                #expect(actualPerFile[name] == counts, "\(relativePath): \(name)")
            }
        }
        if let producer = expected.producer {
            #expect(report.producer.rawValue == producer, "\(relativePath): producer")
        }
    }

    static func checkJUnit(_ relativePath: String, in folder: URL, expecting expected: JUnitExpectation) {
        let path = folder.appendingPathComponent(relativePath).path
        do {
            let results = try JUnitParser().parse(contentsOf: path)
            let actual = JUnitExpectation(
                tests: results.tests, passed: results.passed, failures: results.failures, errors: results.errors,
                skipped: results.skipped, collectionErrors: results.collectionErrors)
            #expect(actual == expected, "\(relativePath)")
        } catch {
            Issue.record("\(relativePath): \(error)")
        }
    }
}
