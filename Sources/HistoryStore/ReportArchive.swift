import CDeflate
import Concurrency
import CoverageModel
import Foundation

/// The per-line data of one component's report, as a compact binary blob (zlib-compressed):
/// every file's lines with hits and branches, coverage.py's missing branches, the report's
/// sources, warnings and test results. File pages and "newly uncovered lines" are drawn from it
/// without the original XML.
///
/// The decoder reads blobs from a database anyone may have crafted: every count is checked against
/// the bytes left before anything is reserved, arithmetic cannot overflow, and the inflated size is
/// capped, so a bad blob gives `nil` (the run is shown without per-line data), never a trap.
/// Public (decoding; encoding and compressing as SPI) only for the fuzzing harness in Fuzz/.
public enum ReportArchive {
    /// The format version, written as the fourth byte of the magic `TMR<version>`.
    /// 1. The first format.
    /// 2. Written once the readers kept every line number in 1…2³¹−1 (ascending) and every hit count
    ///    ≥ 0; a version-2 blob breaking that is refused. Version 1 is still read, without those checks.
    /// 3. Each file's functions (`<methods>`: name, signature, line, hits, lines) after its missing
    ///    branches; checked as version 2. Hits are -1 where the report gave no call count (read as
    ///    unknown, as any negative count is).
    static let version: UInt8 = 3
    static let magicPrefix: [UInt8] = Array("TMR".utf8)
    /// The largest inflated archive accepted: about 40 M distinct lines' worth.
    static let maximumSize = 1 << 30

    /// A report's or tests' time as stored, unknown outside `StoredTime.range` (writing such a run
    /// again trapped; `FuzzArchive` found it).
    static func time(_ seconds: Int?) -> Date? { seconds.flatMap(StoredTime.date) }

    /// A time's whole seconds as an archive stores them: truncated (a report's time) or rounded
    /// down (a test run's), `nil` for a time no `Int` holds (written as unknown, not a trap).
    /// `decodedForm` reads times back through this too, so the two cannot drift apart.
    static func seconds(of date: Date, roundingDown: Bool) -> Int? {
        let value = roundingDown ? date.timeIntervalSince1970.rounded(.down) : date.timeIntervalSince1970
        guard value.isFinite, value > -9.0e18, value < 9.0e18 else { return nil }
        return Int(value)
    }

    @_spi(Fuzzing) public static func encode(_ report: CoverageReport, tests: TestResults?) -> Data {
        // A large report is written in two halves of its lines on two cores, then deflated whole
        // (libdeflate takes its input in one piece; at level 1 it deflates a 20 000-file run's 3.7 MB
        // in 10 ms, where zlib took 20 ms in two parts on two cores).
        let lines = report.files.reduce(0) { $0 + $1.lines.count }
        guard lines >= partLines, let middle = middle(of: report.files, lines: lines) else {
            return compress(serialized(report, tests: tests))
        }
        let halves = [0..<middle, middle..<report.files.count]
        let parts = Slots<[UInt8]>(count: halves.count)
        DispatchQueue.concurrentPerform(iterations: halves.count) { part in
            var writer = ByteWriter(capacity: estimatedSize(of: report.files[halves[part]]))
            if part == 0 { writeHead(of: report, to: &writer) }
            report.files.withUnsafeBufferPointer { files in
                for index in halves[part] { write(files.baseAddress! + index, to: &writer) }
            }
            if part == halves.count - 1 { writeTail(tests, to: &writer) }
            parts.set(part, writer.buffer)
        }
        var whole = parts.take(0) ?? []
        whole += parts.take(1) ?? []
        return compress(whole)
    }

    /// The archive's bytes before compression.
    static func serialized(_ report: CoverageReport, tests: TestResults?) -> [UInt8] {
        var writer = ByteWriter()
        writeHead(of: report, to: &writer)
        report.files.withUnsafeBufferPointer { files in
            for index in files.indices { write(files.baseAddress! + index, to: &writer) }
        }
        writeTail(tests, to: &writer)
        return writer.buffer
    }

    /// About the bytes `files` take in an archive, rather more than less: each line takes four to six
    /// (a number's step, hits, two branch counts), each file its names and counts.
    static func estimatedSize(of files: ArraySlice<SourceFile>) -> Int {
        files.reduce(1 << 12) { $0 + 6 * $1.lines.count + $1.name.utf8.count + ($1.key?.utf8.count ?? 0) + 32 }
    }

    /// Lines from which an archive is made in two parts on two cores.
    static let partLines = 100_000

    /// The first file of the second half of the lines, when both halves hold a file.
    private static func middle(of files: [SourceFile], lines: Int) -> Int? {
        var seen = 0
        for (index, file) in files.enumerated() {
            if seen >= lines / 2 { return index > 0 ? index : nil }
            seen += file.lines.count
        }
        return nil
    }

    private static func writeHead(of report: CoverageReport, to writer: inout ByteWriter) {
        writer.bytes(magicPrefix + [UInt8(ascii: "0") + version])
        writer.string(report.producer.rawValue)
        writer.optionalString(report.producerVersion)
        writer.optionalInt(report.timestamp.flatMap { seconds(of: $0, roundingDown: false) })
        writer.strings(report.sources)
        writer.strings(report.warnings)
        writer.varint(UInt64(report.files.count))
    }

    /// Read in place: iterating the files copied each one, retaining its five objects (cold in this
    /// core's cache: made on the parse's threads) and releasing them after.
    private static func write(_ file: UnsafePointer<SourceFile>, to writer: inout ByteWriter) {
        writer.string(file.pointee.name)
        writer.optionalString(file.pointee.key)
        writer.varint(UInt64(file.pointee.lines.count))
        var previous = 0
        for line in file.pointee.lines {
            writer.signed(Int64(line.number - previous))
            previous = line.number
            writer.signed(line.hits)
            writer.varint(UInt64(max(0, line.branchesValid)))
            writer.varint(UInt64(max(0, line.branchesCovered)))
        }
        let missing = file.pointee.missingBranches.sorted { $0.key < $1.key }
        writer.varint(UInt64(missing.count))
        for (number, targets) in missing {
            writer.signed(Int64(number))
            writer.string(targets)
        }
        writer.varint(UInt64(file.pointee.functions.count))
        for function in file.pointee.functions {
            writer.string(function.name)
            writer.string(function.signature)
            writer.signed(Int64(function.line))
            writer.signed(function.hits ?? -1)
            writer.varint(UInt64(max(0, function.linesValid)))
            writer.varint(UInt64(max(0, function.linesCovered)))
        }
    }

    private static func writeTail(_ tests: TestResults?, to writer: inout ByteWriter) {
        writer.varint(tests == nil ? 0 : 1)
        if let tests {
            for value in [
                tests.tests, tests.passed, tests.failures, tests.errors, tests.skipped, tests.collectionErrors,
            ] {
                writer.varint(UInt64(max(0, value)))
            }
            writer.strings(tests.collectionErrorModules)
            writer.optionalInt(tests.timestamp.flatMap { seconds(of: $0, roundingDown: true) })
        }
    }

    // MARK: - Deflate (zlib's format, by libdeflate)

    @_spi(Fuzzing) public static func compress(_ data: [UInt8]) -> Data {
        guard let compressor = libdeflate_alloc_compressor(1) else {
            preconditionFailure("libdeflate could not allocate a compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, data.count)
        // Into uninitialized room after the 8-byte size: zeroing the bound first would touch as many
        // pages as the input has.
        let output = [UInt8](unsafeUninitializedCapacity: bound + 8) { buffer, count in
            withUnsafeBytes(of: UInt64(data.count).littleEndian) { length in
                for index in 0..<8 { buffer[index] = length[index] }
            }
            let written = data.withUnsafeBytes { input in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, buffer.baseAddress! + 8, bound)
            }
            precondition(written > 0, "libdeflate could not deflate into its own bound")
            count = written + 8
        }
        return Data(output)
    }

    /// Inflates a blob (an 8-byte little-endian size, then zlib data) into exactly the size it
    /// declares. The size is capped and checked against deflate's best ratio (1032:1), and the room
    /// inflated into starts at 16 times the blob (`inflate`), so a small blob claiming gigabytes
    /// reserves little.
    static func decompress(_ blob: Data) -> [UInt8]? {
        guard blob.count > 8 else { return nil }
        let declared = blob.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian
        guard declared <= UInt64(min(maximumSize, (blob.count - 8) * 1032 + 64)) else { return nil }
        let expected = Int(declared)
        return blob.withUnsafeBytes { bytes -> [UInt8]? in
            guard let base = bytes.baseAddress else { return nil }
            return inflate(UnsafeRawBufferPointer(start: base + 8, count: bytes.count - 8), expected: expected)
        }
    }

    private static func inflate(_ input: UnsafeRawBufferPointer, expected: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        // libdeflate inflates in one go into room it is given: room for the declared size, but no
        // more than 16 times the input at first, so a small blob that claims gigabytes reserves
        // little; an honest archive (about 4:1) fits at once, a larger one is inflated again into
        // twice the room, up to the declared size.
        var room = min(expected, input.count * 16 + (1 << 16))
        while true {
            var result = LIBDEFLATE_SUCCESS
            var produced = 0
            let output = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                result = libdeflate_zlib_decompress(
                    decompressor, input.baseAddress, input.count, buffer.baseAddress, room, &produced)
                count = result == LIBDEFLATE_SUCCESS ? produced : 0
            }
            switch result {
            case LIBDEFLATE_SUCCESS: return produced == expected ? output : nil
            // More data than declared is as wrong as less.
            case LIBDEFLATE_INSUFFICIENT_SPACE where room < expected: room = min(expected, room * 2)
            default: return nil
            }
        }
    }
}
