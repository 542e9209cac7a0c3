import CoverageModel
import Foundation

extension ReportArchive {
    /// What `decode(encode(report, tests: tests))` gives, made from the values in memory without
    /// writing, compressing or reading the bytes: the same initialisers as `decode` over the values
    /// an archive keeps, with the times cut to whole seconds as it stores them
    /// (`seconds(of:roundingDown:)`). `nil` where the archive would change or refuse a value (lines
    /// not strictly ascending, negative counts, test counts that do not add up): the caller decodes
    /// the stored archive then.
    ///
    /// `generate` draws the run it has just recorded; decoding its archive again was the longest
    /// wait between the two (a 2 000-file report's 600 000 lines: about 30 ms on one core, the
    /// other idle). `DecodedFormTests` and the Cobertura fuzz target compare the two.
    public static func decodedForm(
        of report: CoverageReport, tests: TestResults?
    ) -> (report: CoverageReport, tests: TestResults?)? {
        var files: [SourceFile] = []
        files.reserveCapacity(report.files.count)
        for file in report.files {
            guard let kept = decodedForm(of: file) else { return nil }
            files.append(kept)
        }
        let timestamp = time(report.timestamp.flatMap { seconds(of: $0, roundingDown: false) })
        var keptTests: TestResults? = nil
        if let tests {
            let values = [
                tests.tests, tests.passed, tests.failures, tests.errors, tests.skipped, tests.collectionErrors,
            ]
            guard values.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }),
                values[1] + values[2] + values[3] + values[4] == values[0], values[5] <= values[3]
            else { return nil }
            keptTests = TestResults(
                tests: values[0], passed: values[1], failures: values[2], errors: values[3], skipped: values[4],
                collectionErrors: values[5], collectionErrorModules: tests.collectionErrorModules,
                timestamp: time(tests.timestamp.flatMap { seconds(of: $0, roundingDown: true) }))
        }
        let kept = CoverageReport(
            producer: report.producer, producerVersion: report.producerVersion, timestamp: timestamp,
            sources: report.sources, files: files, warnings: report.warnings)
        return (kept, keptTests)
    }

    /// A file as `decode` makes it from its stored form, or `nil` when the archive would change a
    /// value: a version-3 archive refuses lines that do not rise from 1 and negative hits, and
    /// stores negative branch and function counts as 0.
    private static func decodedForm(of file: SourceFile) -> SourceFile? {
        var previous = 0
        for line in file.lines {
            guard line.number > previous, line.hits >= 0, line.branchesCovered >= 0,
                line.branchesCovered <= line.branchesValid
            else { return nil }
            previous = line.number
        }
        var functions: [FunctionCoverage] = []
        functions.reserveCapacity(file.functions.count)
        for function in file.functions {
            guard function.hits ?? 0 >= 0, function.linesValid >= 0, function.linesCovered >= 0 else { return nil }
            functions.append(
                FunctionCoverage(
                    name: function.name, signature: function.signature, line: function.line, hits: function.hits,
                    linesValid: function.linesValid, linesCovered: function.linesCovered))
        }
        return SourceFile(
            name: file.name, key: file.key, lines: file.lines, missingBranches: file.missingBranches,
            functions: functions)
    }
}
