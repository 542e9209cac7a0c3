import Concurrency
import CoverageModel
import Formatting
import Foundation

/// Reads a Cobertura `coverage.xml` from any common producer into a `CoverageReport`.
///
/// Header totals and rates are never read: every count is recomputed from `<line>` elements
/// (docs/counting.md, rule 1). File names are kept as written, `\` turned into `/`; resolving them
/// against a source root is `SourcePathResolver`'s job.
public struct CoberturaParser: Sendable {
    /// Bytes of recorded events handed from the parse thread to the reading one at a time.
    let eventChunkCapacity: Int
    /// Whether a large report is parsed in two parts at once (`ReportSplit`).
    let splitting: Splitting

    /// When a report is parsed in two parts at once.
    enum Splitting {
        /// Never: one parser reads the whole file.
        case never
        /// When the file is at least `ReportSplit.minimumBytes` and a split can be planned.
        case whenLarge
        /// Wherever a split can be planned, the second part starting at the first `<class` tag past
        /// `share` of the file (tests).
        case at(share: Double)
    }

    public init() { self.init(eventChunkCapacity: EventChunk.standardCapacity) }

    /// A parser that hands events over in chunks of `eventChunkCapacity` bytes: tests make them tiny,
    /// so every fixture crosses between the threads many times.
    init(eventChunkCapacity: Int, splitting: Splitting = .whenLarge) {
        self.eventChunkCapacity = eventChunkCapacity
        self.splitting = splitting
    }

    init(splitting: Splitting) { self.init(eventChunkCapacity: EventChunk.standardCapacity, splitting: splitting) }

    /// A parser that reads every file with one parser.
    public static var whole: CoberturaParser { CoberturaParser(splitting: .never) }

    /// A parser that splits every file it can, whatever its size, at the first `<class` tag past
    /// `share` of it: the fuzzer checks that it reads what `whole` reads.
    public static func splitting(at share: Double) -> CoberturaParser { CoberturaParser(splitting: .at(share: share)) }

    private func plan(_ path: String) -> ReportSplit? {
        switch splitting {
        case .never: nil
        case .whenLarge: ReportSplit.plan(path: path)
        case .at(let share): ReportSplit.plan(path: path, share: share, minimumBytes: 0)
        }
    }

    /// Parses the report at `path`.
    /// - Throws: `IngestError`: unreadable, empty, malformed, not Cobertura, or measured nothing.
    public func parse(contentsOf path: String) throws(IngestError) -> CoverageReport {
        try read(path).report
    }

    /// The report, and whether it was read in two parts (tests check that the split is taken).
    func read(_ path: String) throws(IngestError) -> (report: CoverageReport, wasSplit: Bool) {
        let recorder = CoberturaRecorder(path: path, chunkCapacity: eventChunkCapacity)
        let split = plan(path)
        let input = try CompressedInput(path: path)
        // Both parts read the file planned (its identity, size and change time as planned).
        let second = split.flatMap { split in
            input.identity == split.file
                ? SecondPartParse(path: path, split: split, chunkCapacity: eventChunkCapacity) : nil
        }
        second?.start()
        recorder.secondPart = second
        // The second part is waited for on every way out, so its thread never outlives the parse.
        defer { second?.finish() }
        try XMLStreamParser.parse(recorder, with: CoberturaRecorder.sax, input: input)
        var comments = recorder.comments
        if recorder.handedOver, let second {
            recorder.handler.absorb(second.recorder.handler)
            comments = Array((comments + second.recorder.comments).prefix(8))
        }
        let report = try Self.report(of: recorder, comments: comments, path: path)
        // What the parse kept (an accumulator per file, the event chunks) is not freed on this thread
        // when it is large: for 20 000 files that took 7-10 ms, and left malloc's free lists slower
        // for the work after it (resolving, the inspect table, the history rows). A command that
        // exits when done keeps it to the exit (0.6-2.5 MB; freeing it on another core still took
        // 4-5 ms of CPU from a `record` or `inspect` that keeps both cores busy); `watch` frees it there.
        let wasSplit = recorder.handedOver
        if report.files.count >= Self.backgroundFreeing { Discard.atEnd((consume recorder, second)) }
        return (report, wasSplit)
    }

    /// Files from which a report's parse state is let go of by `Discard.atEnd` rather than freed here
    /// (freeing it on another thread costs a thread, ~0.1 ms).
    static let backgroundFreeing = 1_024

    /// The report the recorded document makes.
    private static func report(
        of recorder: CoberturaRecorder, comments: [String], path: String
    ) throws(IngestError) -> CoverageReport {
        let handler = recorder.handler
        // The files, each finished, in name order (the report keeps its files by name). Most were
        // finished as their class ended, and their names sorted as they came; they are moved out
        // in order, not copied and then permuted.
        let files = handler.filesInNameOrder().map { handler.files[$0].take() }
        guard !files.isEmpty else {
            throw .noMeasurement(
                path: path,
                reason: handler.sawCoberturaStructure
                    ? "it lists no source file (grcov writes this when its run failed, e.g. without llvm-profdata)"
                    : "<coverage> holds no <packages>, <sources> or <class>")
        }
        guard files.contains(where: { !$0.lines.isEmpty }) else {
            throw .noMeasurement(path: path, reason: "its \(files.count) file(s) have no <line> at all")
        }
        var warnings: [String] = []
        let timestamp = handler.rootAttributes.timestamp
        if let timestamp, timestamp.isFinite, timestamp > 0, Self.date(fromTimestamp: timestamp) == nil {
            warnings.append(
                "\(path): timestamp=\"\(handler.rootAttributes.timestampText ?? "")\" is not a time before the year "
                    + "10000 (in seconds or milliseconds); the report time is unknown")
        }
        // By index: iterating the files copies each one, retaining its name and lines, 20 000 objects
        // made on the parse's two threads and cold in this core's cache.
        let unnamed = files.indices.reduce(0) { $0 + (files[$1].name.isEmpty ? 1 : 0) }
        if unnamed > 0 { warnings.append("\(unnamed) <class> element(s) have no filename or name") }
        warnings += handler.lineWarnings.all
        var counted = Counts.zero
        for index in files.indices { counted = counted + files[index].counts }
        warnings += Self.headerWarnings(handler.rootAttributes.header, counted: counted)
        let producer = ProducerDetector.detect(
            root: handler.rootAttributes, sawDoctype: recorder.sawDoctype, comments: comments)
        return CoverageReport(
            producer: producer,
            producerVersion: Self.toolVersion(handler.rootAttributes.version, producer: producer),
            timestamp: Self.date(fromTimestamp: handler.rootAttributes.timestamp),
            sources: handler.sources.map(Self.normalizeSource).filter { !$0.isEmpty },
            filesInNameOrder: files,
            warnings: warnings)
    }

    /// Where the header's totals differ from what the `<line>` elements give, which is what every page
    /// shows: said once, so a total that differs from the producer's own summary is explained (gcovr
    /// repeats a line once per function a macro expands to; istanbul counts branches on lines it lists
    /// no `<line>` for).
    static func headerWarnings(_ header: Counts, counted: Counts) -> [String] {
        func differs(_ stated: (covered: Int, valid: Int), _ found: (covered: Int, valid: Int)) -> Bool {
            stated.covered >= 0 && stated.valid >= 0 && stated != found
        }
        var parts: [String] = []
        let lines = (header.linesCovered, header.linesValid)
        if differs(lines, (counted.linesCovered, counted.linesValid)) {
            parts.append(
                "\(lines.0) of \(lines.1) lines covered (its <line> elements: \(counted.linesCovered) of \(counted.linesValid))"
            )
        }
        let branches = (header.branchesCovered, header.branchesValid)
        if differs(branches, (counted.branchesCovered, counted.branchesValid)) {
            parts.append(
                "\(branches.0) of \(branches.1) branches covered (its <line> elements: \(counted.branchesCovered) of \(counted.branchesValid))"
            )
        }
        guard !parts.isEmpty else { return [] }
        return [
            "the report's header states " + parts.joined(separator: " and ")
                + "; Tidemark counts the <line> elements, each line of a file once (docs/counting.md)"
        ]
    }

    /// The tool's own version, where the `version` attribute holds it: coverage.py writes its
    /// version, gcovr writes `gcovr 8.8`; the others write the Cobertura DTD's `1.9` or nothing useful.
    static func toolVersion(_ version: String?, producer: Producer) -> String? {
        guard let version, !version.isEmpty else { return nil }
        switch producer {
        case .coveragePy: return version
        case .gcovr: return version.hasPrefix("gcovr ") ? String(version.dropFirst(6)) : nil
        default: return nil
        }
    }

    /// The last second ISO 8601 with four-digit years can write: 9999-12-31T23:59:59Z.
    static let latestTime = 253_402_300_799.0

    /// Report time: seconds or milliseconds guessed by magnitude; 0, missing or NaN means unknown,
    /// and so does a time after the year 9999 (`1e300` would not fit any date arithmetic).
    static func date(fromTimestamp value: Double?) -> Date? {
        guard let value, value.isFinite, value > 0 else { return nil }
        let seconds = value > 1e11 ? value / 1000 : value
        guard seconds <= latestTime else { return nil }
        return Date(timeIntervalSince1970: seconds.rounded(.down))
    }

    private static func normalizeSource(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\\", with: "/")
    }
}
