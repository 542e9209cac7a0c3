import CLibXML2
import Concurrency
import Foundation

/// The parse-thread side of a Cobertura parse: libxml2's callbacks record the events the reader
/// needs into `EventChunk`s, and `CoberturaHandler` replays them on another thread, so the two
/// halves of the work run on two cores (docs/performance.md).
///
/// Only what the handler reads is recorded: every element's start and end, the attributes of
/// `<line>`, `<class>`, `<method>` and the root, and the text inside `<source>`. A report that fits in
/// one chunk is replayed on the parse thread when the parse ends, with no second thread; so are the
/// chunks of a report parsed in two parts (`ReportSplit`), each part on its own thread.
final class CoberturaRecorder: XMLStreamSession {
    /// The reader that replays the events; read it after the parse.
    let handler: CoberturaHandler
    private(set) var sawDoctype = false
    private(set) var comments: [String] = []

    /// A split parse's first part (`ReportSplit`): the second part, while it may still be taken.
    /// Meanwhile this part replays its own events, as the second part does: two threads for two
    /// parts. With a reader thread beside it, the scheduler kept that thread and this one on one
    /// core, taking turns, for the 25-30 ms after the second part ended, while the other core idled
    /// (`perf sched`; docs/performance.md, "7 December, 07:15"). Once the second part is taken or
    /// dropped, the events left go to a reader thread as in an unsplit parse.
    var secondPart: SecondPartParse? {
        didSet { replaysInline = isSecondPart || secondPart != nil }
    }
    /// Whether the parse stopped at the second part's first `<class>`, whose files are then taken.
    private(set) var handedOver = false
    /// Whether this records a split parse's second part.
    private let isSecondPart: Bool
    /// Whether chunks are replayed on this thread as they fill: a split parse's parts, while both run.
    private var replaysInline: Bool
    /// Second part: start events seen so far, while fewer than five (its prefix makes four).
    private var prefixStarts = 0
    /// Second part: the byte offset its parser gave at its first `<class>`, right after the prefix.
    private(set) var firstClassOffset: Int?
    /// Whether an element with a namespace prefix was opened as the root or one of the three levels
    /// below it (a split's second part repeats those levels unprefixed).
    private var prefixedNearRoot = false

    private let pipe: EventPipe
    private var chunk: EventChunk
    private var cursor: UnsafeMutableRawPointer
    private var end: UnsafeMutableRawPointer
    private var readerStarted = false
    /// The start event written last, while nothing came after it in this chunk: an end that
    /// follows turns it into an `empty` event (most elements are `<line …/>`) instead of adding one.
    private var lastStart: UnsafeMutableRawPointer?
    /// The reader has failed: the parse stops once the event being recorded is written (stopping
    /// frees libxml2's input, which that event's attribute values point into).
    private var stopPending = false

    private var names = CoberturaElement.Cache()
    /// Open elements' kinds, as far as `maxDepth` (deeper ones hold nothing the handler reads).
    private let stack = UnsafeMutablePointer<CoberturaElement>.allocate(capacity: CoberturaHandler.maxDepth)
    private var depth = 0
    /// Open `<source>` elements: their text is recorded, the handler picks what it keeps.
    private var openSources = 0

    /// - Parameters:
    ///   - chunkCapacity: bytes of events handed over at a time (tests make it tiny).
    ///   - secondPartOf: set for a split parse's second part: its events are replayed on its own
    ///     thread, and the handler's messages name the file's lines, not the part's.
    init(path: String, chunkCapacity: Int = EventChunk.standardCapacity, secondPartOf split: ReportSplit? = nil) {
        pipe = EventPipe(chunkCapacity: chunkCapacity)
        chunk = EventChunk(capacity: chunkCapacity)
        handler = CoberturaHandler(path: path, pipe: pipe)
        isSecondPart = split != nil
        replaysInline = split != nil
        if let split { handler.lineShift = LineShift(path: path, split: split) }
        cursor = chunk.bytes
        end = chunk.bytes + chunk.capacity
        super.init(path: path)
    }

    deinit { stack.deallocate() }

    /// The callbacks of this reader.
    static var sax: xmlSAXHandler {
        var sax = XMLStreamSession.baseSAXHandler()
        // The session outlives the parse, so the hot callbacks borrow it without retain/release,
        // which would otherwise come twice per <line> (docs/performance.md).
        sax.startElementNs = { context, localName, prefix, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Unmanaged<CoberturaRecorder>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.start(localName, prefixed: prefix != nil, count: Int(attributeCount), attributes: attributes)
            }
        }
        sax.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<CoberturaRecorder>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.endElement() }
        }
        sax.comment = { context, text in
            guard let context, let text else { return }
            let recorder = Unmanaged<CoberturaRecorder>.fromOpaque(context).takeUnretainedValue()
            // A second part's prefix repeats the comments before the root, which the first part has.
            if recorder.isSecondPart, recorder.prefixStarts < 5 { return }
            if recorder.comments.count < 8 { recorder.comments.append(String(cString: text)) }
        }
        sax.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<CoberturaRecorder>.fromOpaque(context).takeUnretainedValue().sawDoctype = true
        }
        return sax
    }

    /// Records the text of `<source>` elements; switched on only inside them.
    private static var sourceCharacters: charactersSAXFunc {
        { context, bytes, length in
            guard let context, let bytes else { return }
            Unmanaged<CoberturaRecorder>.fromOpaque(context).takeUnretainedValue()
                .characters(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
        }
    }

    // MARK: - Recording

    private func start(
        _ name: UnsafePointer<xmlChar>, prefixed: Bool, count: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let kind = names.element(for: name)
        if prefixed, depth < 4 { prefixedNearRoot = true }
        if isSecondPart, prefixStarts < 5 { notePrefixStart(kind) }
        if kind == .class, secondPart != nil, handOverIfSplit() { return }
        let kept = (depth == 0 || kind == .line || kind == .class || kind == .method) ? attributes : nil
        let attributeCount = kept == nil ? 0 : count
        var size = 22
        if let kept {
            for index in 0..<attributeCount {
                let entry = kept + index * 5
                if let start = entry[3], let end = entry[4] { size += 12 + (end - start) } else { size += 12 }
            }
        }
        var out = reserve(size)
        lastStart = out
        out.storeBytes(of: EventChunk.Tag.start.rawValue, as: UInt8.self)
        out.storeBytes(of: kind.rawValue, toByteOffset: 1, as: UInt8.self)
        out.storeBytes(of: UInt(bitPattern: name), toByteOffset: 2, as: UInt.self)
        out.storeBytes(of: Int32(truncatingIfNeeded: line), toByteOffset: 10, as: Int32.self)
        // Only the root and its children are refused with a column; deeper elements skip the call.
        out.storeBytes(of: Int32(truncatingIfNeeded: depth <= 1 ? column : 0), toByteOffset: 14, as: Int32.self)
        out.storeBytes(of: UInt32(attributeCount), toByteOffset: 18, as: UInt32.self)
        out += 22
        if let kept {
            for index in 0..<attributeCount {
                let entry = kept + index * 5
                var length = 0
                if let start = entry[3], let end = entry[4] {
                    length = end - start
                    Self.copy(start, count: length, to: out + 12)
                }
                out.storeBytes(of: UInt(bitPattern: entry[0]), as: UInt.self)
                out.storeBytes(of: UInt32(length), toByteOffset: 8, as: UInt32.self)
                out += 12 + length
            }
        }
        if depth < CoberturaHandler.maxDepth { stack[depth] = kind }
        depth += 1
        if kind == .source {
            openSources += 1
            if openSources == 1 { receiveCharacters(Self.sourceCharacters) }
        }
        if stopPending { stopParsing() }
    }

    private func endElement() {
        if let start = lastStart {
            start.storeBytes(of: EventChunk.Tag.empty.rawValue, as: UInt8.self)
            lastStart = nil
        } else {
            reserve(1).storeBytes(of: EventChunk.Tag.end.rawValue, as: UInt8.self)
        }
        if stopPending { stopParsing() }
        guard depth > 0 else { return }
        depth -= 1
        if depth < CoberturaHandler.maxDepth, stack[depth] == .source {
            openSources -= 1
            if openSources == 0 { receiveCharacters(nil) }
        }
    }

    private func characters(_ text: UnsafeRawBufferPointer) {
        let out = reserve(5 + text.count)
        lastStart = nil
        out.storeBytes(of: EventChunk.Tag.characters.rawValue, as: UInt8.self)
        out.storeBytes(of: UInt32(text.count), toByteOffset: 1, as: UInt32.self)
        if let base = text.baseAddress { (out + 5).copyMemory(from: base, byteCount: text.count) }
        if stopPending { stopParsing() }
    }

    /// Stops a second part's parse at its next hand-over: its files will not be taken.
    func cancel() { pipe.stop() }

    /// Whether `cancel` was called, or the handler failed.
    var wasStopped: Bool { pipe.isStopped }

    /// Second part: the fifth start event must be the `<class>` its prefix leads to.
    private func notePrefixStart(_ kind: CoberturaElement) {
        prefixStarts += 1
        if prefixStarts == 5, kind == .class, depth == 4 { firstClassOffset = byteOffset }
    }

    /// First part, at a `<class>`: when it is the second part's first one, inside exactly
    /// `<coverage><packages><package><classes>`, and the second part read to its end without a
    /// fault, the parse stops here and the second part's files are taken. Otherwise the second part
    /// is dropped (at the first class outside that nesting, or at the first class past the split).
    private func handOverIfSplit() -> Bool {
        guard let part = secondPart else { return false }
        let nested =
            depth == 4 && !prefixedNearRoot && stack[0] == .coverage && stack[1] == .packages
            && stack[2] == .package && stack[3] == .classes
        guard nested else {
            secondPart = nil
            part.cancel()
            return false
        }
        let offset = byteOffset
        guard offset >= part.split.offset else { return false }
        secondPart = nil
        guard part.succeeded(), let first = part.recorder.firstClassOffset, first + part.split.offsetShift == offset
        else {
            part.cancel()
            return false
        }
        handedOver = true
        finish()
        return true
    }

    private func stopParsing() {
        stopPending = false
        if let context { xmlStopParser(context) }
    }

    /// Copies an attribute value: most are a few digits, for which a call to `memmove` costs more.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<xmlChar>, count: Int, to target: UnsafeMutableRawPointer) {
        guard count > 8 else {
            var index = 0
            while index < count {
                target.storeBytes(of: source[index], toByteOffset: index, as: UInt8.self)
                index &+= 1
            }
            return
        }
        target.copyMemory(from: source, byteCount: count)
    }

    /// Room for one event of `size` bytes in the current chunk.
    @inline(__always)
    private func reserve(_ size: Int) -> UnsafeMutableRawPointer {
        if end - cursor < size { handOver(making: size) }
        let out = cursor
        cursor += size
        return out
    }

    /// Passes the full chunk to the reading thread (started on the first) and takes an empty one.
    private func handOver(making size: Int) {
        // The chunk leaves this thread: its events are no longer changed.
        lastStart = nil
        chunk.count = cursor - chunk.bytes
        if chunk.count > 0, replaysInline {
            handler.replay(chunk)
            chunk.count = 0
            if pipe.isStopped { stopPending = true }
        } else if chunk.count > 0 {
            if !readerStarted {
                readerStarted = true
                Threads.detach { [pipe, handler] in
                    while let chunk = pipe.next() {
                        handler.replay(chunk)
                        pipe.recycle(chunk)
                    }
                    pipe.markDrained()
                }
            }
            chunk = pipe.pass(chunk)
            if pipe.isStopped { stopPending = true }
        }
        chunk.grow(to: size)
        cursor = chunk.bytes
        end = chunk.bytes + chunk.capacity
    }

    /// Replays what is left and waits for the reader; its failure comes first, being earlier in the file.
    override func parseDidEnd() {
        chunk.count = cursor - chunk.bytes
        if readerStarted {
            pipe.close(after: chunk)
            pipe.waitUntilDrained()
        } else {
            handler.replay(chunk)
        }
        chunk = EventChunk(capacity: 0)
        lastStart = nil
        cursor = chunk.bytes
        end = cursor
        if let failure = handler.failure { overrideFailure(failure) }
    }
}
