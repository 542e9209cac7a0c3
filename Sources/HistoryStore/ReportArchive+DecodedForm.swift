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
        // Each file checked in place; one the archive keeps as it is stays in the array as it is,
        // rather than being copied and made again (20 000 files' values retained and their counts
        // recomputed: a few ms of `generate` between recording and drawing).
        var files = report.files
        let verdicts = report.files.withUnsafeBufferPointer { files in
            files.indices.map { decodedForm(of: files.baseAddress! + $0) }
        }
        for (index, verdict) in verdicts.enumerated() {
            switch verdict {
            case .refused: return nil
            case .same: continue
            case .made(let file): files[index] = file
            }
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

    /// What `decode` makes of a file.
    private enum FileForm {
        /// The archive would change or refuse a value.
        case refused
        /// The file itself: its lines rise from 1 with counts that are not negative, its counts are
        /// its lines' and its functions are in their normal form, all of which `decode` would make.
        case same
        /// A file equal to what `decode` makes, where the file in memory differs from it.
        case made(SourceFile)
    }

    /// A file as `decode` makes it from its stored form: a version-3 archive refuses lines that do
    /// not rise from 1 and negative hits, and stores negative branch and function counts as 0.
    private static func decodedForm(of file: UnsafePointer<SourceFile>) -> FileForm {
        var previous = 0
        var counts = Counts()
        for line in file.pointee.lines {
            guard line.number > previous, line.hits >= 0, line.branchesCovered >= 0,
                line.branchesCovered <= line.branchesValid
            else { return .refused }
            previous = line.number
            counts.linesValid += 1
            if line.isCovered { counts.linesCovered += 1 }
            counts.branchesValid += Int(line.branchesValid)
            counts.branchesCovered += Int(line.branchesCovered)
        }
        for function in file.pointee.functions {
            guard function.hits ?? 0 >= 0, function.linesValid >= 0, function.linesCovered >= 0 else { return .refused }
        }
        let functions = file.pointee.functions
        if counts == file.pointee.counts, functions.isEmpty || FunctionCoverage.normalized(functions) == functions {
            return .same
        }
        return .made(
            SourceFile(
                name: file.pointee.name, key: file.pointee.key, lines: file.pointee.lines,
                missingBranches: file.pointee.missingBranches, functions: functions))
    }
}
