import CZlib
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
        // A large report is written and deflated in two halves of its lines on two cores, joined
        // into one zlib stream (`ZlibParts`): 2 000 files x 300 lines took 42 ms on one core
        // (16 ms writing, 26 ms deflate), the longest wait of a record.
        let lines = report.files.reduce(0) { $0 + $1.lines.count }
        guard lines >= partLines, let middle = middle(of: report.files, lines: lines) else {
            return compress(serialized(report, tests: tests))
        }
        let halves = [0..<middle, middle..<report.files.count]
        // After 8 bytes of room for the input's length, so the stream is copied once more, into `Data`.
        var (stream, inputLength) = ZlibParts.deflate(parts: halves.count, level: 1, headroom: 8) { part in
            var writer = ByteWriter(capacity: estimatedSize(of: report.files[halves[part]]))
            if part == 0 { writeHead(of: report, to: &writer) }
            report.files.withUnsafeBufferPointer { files in
                for index in halves[part] { write(files.baseAddress! + index, to: &writer) }
            }
            if part == halves.count - 1 { writeTail(tests, to: &writer) }
            return writer.buffer
        }
        withUnsafeBytes(of: UInt64(inputLength).littleEndian) { length in
            for index in 0..<8 { stream[index] = length[index] }
        }
        return Data(stream)
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

    // MARK: - zlib

    @_spi(Fuzzing) public static func compress(_ data: [UInt8]) -> Data {
        var size = compressBound(uLong(data.count))
        var output = Data(count: Int(size) + 8)
        var length = UInt64(data.count).littleEndian
        output.replaceSubrange(0..<8, with: Data(bytes: &length, count: 8))
        let code = output.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { input in
                compress2(
                    out.baseAddress!.assumingMemoryBound(to: Bytef.self) + 8, &size,
                    input.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(data.count), 1)
            }
        }
        precondition(code == Z_OK, "zlib compress2 failed with enough room: \(code)")
        return output.prefix(Int(size) + 8)
    }

    /// Inflates a blob (an 8-byte little-endian size, then zlib data) into exactly the size it
    /// declares. The size is capped and checked against deflate's best ratio (1032:1), and the
    /// output grows only as data really comes, so a small blob claiming gigabytes allocates little.
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
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        var output = [UInt8](repeating: 0, count: min(expected, input.count * 16 + (1 << 16)))
        var produced = 0
        while true {
            if produced == output.count {
                // More data than declared is as wrong as less.
                guard output.count < expected else { return nil }
                output.append(contentsOf: repeatElement(0, count: min(output.count, expected - output.count)))
            }
            let code = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress.map { $0 + produced }
                stream.avail_out = uInt(buffer.count - produced)
                let code = CZlib.inflate(&stream, Z_NO_FLUSH)
                produced = buffer.count - Int(stream.avail_out)
                return code
            }
            if code == Z_STREAM_END { return produced == expected ? output : nil }
            guard code == Z_OK else { return nil }
        }
    }
}
