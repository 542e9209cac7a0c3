import Concurrency
import Foundation

/// The second part of a split parse (`ReportSplit`): its own parser, recorder and handler on a
/// thread of their own, from the split to the end of the file. The first part's recorder takes its
/// files only if it reaches this part's first `<class>` as that very element, and this part parsed
/// without any fault; otherwise it is dropped and the first part parses on.
final class SecondPartParse: @unchecked Sendable {
    let split: ReportSplit
    /// The part's recorder; read only after `succeeded()` or `finish()` returned.
    let recorder: CoberturaRecorder
    private let path: String
    private let condition = NSCondition()
    /// Guarded by `condition`.
    nonisolated(unsafe) private var outcome: Bool?

    init(path: String, split: ReportSplit, chunkCapacity: Int) {
        self.path = path
        self.split = split
        recorder = CoberturaRecorder(path: path, chunkCapacity: chunkCapacity, secondPartOf: split)
    }

    /// Starts the part's parse on a new thread.
    func start() {
        Threads.detach { [self] in
            let parsed = parse()
            condition.lock()
            outcome = parsed
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Whether the part parsed to its end with no error, warning or refusal, its handler did not
    /// fail, and its first element after the prefix was a `<class>`. Waits for the part's end.
    func succeeded() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome ?? false
    }

    /// Stops the part at its next hand-over, if it still runs: its files will not be taken.
    func cancel() { recorder.cancel() }

    /// Cancels the part and waits for its thread to be done with it.
    func finish() {
        cancel()
        _ = succeeded()
    }

    private func parse() -> Bool {
        do {
            let input = try CompressedInput(path: path, prefix: split.prefix, offset: split.offset)
            // The file planned, not one renamed over it since.
            guard input.identity == split.file else {
                input.close()
                return false
            }
            try XMLStreamParser.parse(recorder, with: CoberturaRecorder.sax, input: input)
        } catch {
            return false
        }
        return !recorder.wasStopped && !recorder.isDone && recorder.firstError == nil
            && recorder.handler.failure == nil && recorder.firstClassOffset != nil
            && recorder.handler.lineShift?.countedPlannedFile != false
    }
}

/// What a split parse's second part adds to its parser's line numbers to name the file's lines:
/// counted (the line breaks before the split) only when a message needs it.
final class LineShift {
    private let path: String
    private let split: ReportSplit
    private var counted: Int?
    /// Whether the line breaks were counted in the file planned (the part's files are not taken
    /// otherwise: its messages could name the wrong lines).
    private(set) var countedPlannedFile = true

    init(path: String, split: ReportSplit) {
        self.path = path
        self.split = split
    }

    /// What is added to a line number of the part's parser to give the file's.
    var value: Int {
        if let counted { return counted }
        let inPrefix = split.prefix.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        let value = lineBreaks(before: split.offset) - inPrefix
        counted = value
        return value
    }

    private func lineBreaks(before end: Int) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            countedPlannedFile = false
            return 0
        }
        defer { close(fd) }
        guard FileIdentity(of: fd) == split.file else {
            countedPlannedFile = false
            return 0
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        var count = 0
        while offset < end {
            let wanted = min(buffer.count, end - offset)
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, wanted, off_t(offset)) }
            guard got > 0 else { break }
            count += buffer[..<got].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            offset += got
        }
        return count
    }
}
