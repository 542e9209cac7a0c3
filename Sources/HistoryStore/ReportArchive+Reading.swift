import CoverageModel
import Foundation

extension ReportArchive {
    /// The report and test results of a blob, or `nil` for a blob that is damaged, crafted or of a
    /// newer format.
    public static func decode(_ blob: Data) -> (report: CoverageReport, tests: TestResults?)? {
        guard let raw = decompress(blob) else { return nil }
        var files = DecodedFiles()
        guard let head = read(raw, into: &files) else { return nil }
        let report = CoverageReport(
            producer: head.producer, producerVersion: head.producerVersion, timestamp: head.timestamp,
            sources: head.sources, files: files.files, warnings: head.warnings)
        return (report, head.tests)
    }

    /// The files of a blob as far as the lines that became uncovered since need them: display paths,
    /// and lines read in place from the inflated bytes when asked, without a `SourceFile` per file.
    /// `nil` where `decode` gives `nil`: the blob is checked whole, as `decode` checks it.
    public static func previousFiles(_ blob: Data) -> PreviousFiles? {
        guard let raw = decompress(blob) else { return nil }
        var files = PlacedFiles()
        guard let head = read(raw, into: &files) else { return nil }
        // Version 1 did not keep lines in order, and a crafted archive may not keep files in name
        // order; `SourceFile` and `CoverageReport` sort them, so such archives are decoded.
        guard head.isStrict, files.isInNameOrder else { return decode(blob).map { PreviousFiles($0.report.files) } }
        return PreviousFiles(
            displayPaths: files.displayPaths, lines: ArchivedLines(raw: raw, starts: files.starts, counts: files.counts)
        )
    }

    /// Everything of an archive but its files.
    struct Head {
        let producer: Producer
        let producerVersion: String?
        let timestamp: Date?
        let sources: [String]
        let warnings: [String]
        let tests: TestResults?
        /// Version 2 or later: lines ascending, hits not negative (checked while reading).
        let isStrict: Bool
    }

    /// Reads and checks an inflated archive, handing its files to `files`; `nil` when anything in it
    /// is damaged, crafted or of a newer format.
    static func read<Files: ArchiveFiles>(_ raw: [UInt8], into files: inout Files) -> Head? {
        var reader = ByteReader(raw)
        guard let magic = reader.bytes(4), magic.prefix(3).elementsEqual(magicPrefix),
            (1...version).contains(magic[3] &- UInt8(ascii: "0")), let producerName = reader.string(),
            let producer = Producer(rawValue: producerName)
        else { return nil }
        let strict = magic[3] &- UInt8(ascii: "0") >= 2
        let hasFunctions = magic[3] &- UInt8(ascii: "0") >= 3
        guard let producerVersion = reader.optionalString(), let timestamp = reader.optionalInt(),
            let sources = reader.strings(), let warnings = reader.strings(), let fileCount = reader.count(bytesEach: 4)
        else {
            return nil
        }
        files.reserve(fileCount)
        for _ in 0..<fileCount {
            guard let name = reader.string(), let key = reader.optionalString(),
                let lineCount = reader.count(bytesEach: 4)
            else {
                return nil
            }
            files.start(name: name, key: key, lineCount: lineCount, linesAt: reader.position)
            var number = 0
            for _ in 0..<lineCount {
                guard let (delta, hits, valid, covered) = reader.line() else { return nil }
                let (next, overflow) = number.addingReportingOverflow(Int(delta))
                guard !overflow else { return nil }
                number = next
                if strict {
                    guard delta > 0, number <= Int(Int32.max), hits >= 0, covered <= valid, valid <= UInt64(Int32.max)
                    else { return nil }
                }
                if Files.keepsContent {
                    files.add(
                        LineCoverage(
                            number: number, hits: hits, branchesValid: Int32(clamping: valid),
                            branchesCovered: Int32(clamping: covered)))
                }
            }
            guard let missingCount = reader.count(bytesEach: 2) else { return nil }
            var missing: [Int: String] = [:]
            for _ in 0..<missingCount {
                if Files.keepsContent {
                    guard let line = reader.signed(), let targets = reader.string() else { return nil }
                    missing[Int(line)] = targets
                } else {
                    guard reader.signed() != nil, reader.stringRange() != nil else { return nil }
                }
            }
            var functions: [FunctionCoverage] = []
            if hasFunctions {
                guard let decoded = reader.functions(keeping: Files.keepsContent) else { return nil }
                functions = decoded
            }
            files.finish(missingBranches: missing, functions: functions)
        }
        guard let tests = readTests(&reader) else { return nil }
        return Head(
            producer: producer, producerVersion: producerVersion, timestamp: time(timestamp), sources: sources,
            warnings: warnings, tests: tests, isStrict: strict)
    }

    /// The test results at an archive's end: `.some(nil)` when it has none, `nil` when damaged.
    private static func readTests(_ reader: inout ByteReader) -> TestResults?? {
        guard let hasTests = reader.varint() else { return nil }
        guard hasTests == 1 else { return .some(nil) }
        var values: [Int] = []
        for _ in 0..<6 {
            guard let value = reader.varint(), value <= UInt64(Int32.max) else { return nil }
            values.append(Int(value))
        }
        guard values[1] + values[2] + values[3] + values[4] == values[0], values[5] <= values[3] else { return nil }
        guard let modules = reader.strings() else { return nil }
        // The test time was added after the first archives; older blobs end before it.
        let time = reader.isAtEnd ? nil : reader.optionalInt().flatMap { $0 }
        return TestResults(
            tests: values[0], passed: values[1], failures: values[2], errors: values[3], skipped: values[4],
            collectionErrors: values[5], collectionErrorModules: modules, timestamp: Self.time(time))
    }
}

/// What reading an archive makes of its files, one after the other.
protocol ArchiveFiles {
    /// Whether the lines, missing branches and functions are handed over; otherwise they are only
    /// checked and read past.
    static var keepsContent: Bool { get }
    mutating func reserve(_ count: Int)
    /// A file starts; its `lineCount` lines start at byte `linesAt` of the inflated archive.
    mutating func start(name: String, key: String?, lineCount: Int, linesAt: Int)
    mutating func add(_ line: LineCoverage)
    mutating func finish(missingBranches: [Int: String], functions: [FunctionCoverage])
}

/// The files as `SourceFile` values.
private struct DecodedFiles: ArchiveFiles {
    static let keepsContent = true
    var files: [SourceFile] = []
    private var name = ""
    private var key: String?
    private var lines: [LineCoverage] = []

    mutating func reserve(_ count: Int) { files.reserveCapacity(count) }

    mutating func start(name: String, key: String?, lineCount: Int, linesAt: Int) {
        self.name = name
        self.key = key
        lines = []
        lines.reserveCapacity(lineCount)
    }

    mutating func add(_ line: LineCoverage) { lines.append(line) }

    mutating func finish(missingBranches: [Int: String], functions: [FunctionCoverage]) {
        files.append(
            SourceFile(name: name, key: key, lines: lines, missingBranches: missingBranches, functions: functions))
        lines = []
    }
}

/// Each file's display path and where its lines are.
private struct PlacedFiles: ArchiveFiles {
    static let keepsContent = false
    var displayPaths: [String] = []
    var starts: [Int] = []
    var counts: [Int] = []
    /// Whether the names rise (`CoverageReport`'s order, which Tidemark writes).
    var isInNameOrder = true
    private var lastName: String?

    mutating func reserve(_ count: Int) {
        displayPaths.reserveCapacity(count)
        starts.reserveCapacity(count)
        counts.reserveCapacity(count)
    }

    mutating func start(name: String, key: String?, lineCount: Int, linesAt: Int) {
        if let lastName, name < lastName { isInNameOrder = false }
        lastName = name
        displayPaths.append(key ?? name)
        starts.append(linesAt)
        counts.append(lineCount)
    }

    mutating func add(_ line: LineCoverage) {}
    mutating func finish(missingBranches: [Int: String], functions: [FunctionCoverage]) {}
}

/// Lines read in place from an inflated archive that `ReportArchive.read` checked whole (version 2
/// or later: ascending numbers), one file at a time.
private struct ArchivedLines: StoredLines {
    let raw: [UInt8]
    let starts: [Int]
    let counts: [Int]

    func forEachLine(ofFile index: Int, _ body: (LineCoverage) -> Void) {
        var reader = ByteReader(raw, at: starts[index])
        var number = 0
        for _ in 0..<counts[index] {
            // Checked when the archive was read; a failed read cannot happen, and stops here.
            guard let (delta, hits, valid, covered) = reader.line() else { return }
            number &+= Int(delta)
            body(
                LineCoverage(
                    number: number, hits: hits, branchesValid: Int32(clamping: valid),
                    branchesCovered: Int32(clamping: covered)))
        }
    }
}
