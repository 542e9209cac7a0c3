import CZlib
import CoverageModel
import Foundation

/// The per-line data of one component's report, as a compact binary blob (zlib-compressed):
/// every file's lines with hits and branches, coverage.py's missing branches, the report's
/// sources, warnings and test results. File pages and "newly uncovered lines" are drawn from it
/// without the original XML.
///
/// Versions (the first four bytes): `TMR1` the first; `TMR2` adds each file's functions (`<methods>`)
/// after its missing branches. Both are read; `TMR2` is written.
enum ReportArchive {
    private static let magic: [UInt8] = Array("TMR2".utf8)
    private static let firstMagic: [UInt8] = Array("TMR1".utf8)

    static func encode(_ report: CoverageReport, tests: TestResults?) -> Data {
        var writer = ByteWriter()
        writer.bytes(magic)
        writer.string(report.producer.rawValue)
        writer.optionalString(report.producerVersion)
        writer.optionalInt(report.timestamp.map { Int($0.timeIntervalSince1970) })
        writer.strings(report.sources)
        writer.strings(report.warnings)
        writer.varint(UInt64(report.files.count))
        for file in report.files {
            writer.string(file.name)
            writer.optionalString(file.key)
            writer.varint(UInt64(file.lines.count))
            var previous = 0
            for line in file.lines {
                writer.signed(Int64(line.number - previous))
                previous = line.number
                writer.signed(line.hits)
                writer.varint(UInt64(max(0, line.branchesValid)))
                writer.varint(UInt64(max(0, line.branchesCovered)))
            }
            let missing = file.missingBranches.sorted { $0.key < $1.key }
            writer.varint(UInt64(missing.count))
            for (number, targets) in missing {
                writer.signed(Int64(number))
                writer.string(targets)
            }
            writer.varint(UInt64(file.functions.count))
            for function in file.functions {
                writer.string(function.name)
                writer.string(function.signature)
                writer.signed(Int64(function.line))
                writer.signed(function.hits)
                writer.varint(UInt64(max(0, function.linesValid)))
                writer.varint(UInt64(max(0, function.linesCovered)))
            }
        }
        writer.varint(tests == nil ? 0 : 1)
        if let tests {
            for value in [tests.tests, tests.passed, tests.failures, tests.errors, tests.skipped, tests.collectionErrors] {
                writer.varint(UInt64(max(0, value)))
            }
            writer.strings(tests.collectionErrorModules)
            writer.optionalInt(tests.timestamp.map { Int($0.timeIntervalSince1970.rounded(.down)) })
        }
        return compress(writer.buffer)
    }

    static func decode(_ blob: Data) -> (report: CoverageReport, tests: TestResults?)? {
        guard let raw = decompress(blob) else { return nil }
        var reader = ByteReader(raw)
        let version = reader.bytes(4)
        guard version == magic || version == firstMagic, let producerName = reader.string(),
            let producer = Producer(rawValue: producerName)
        else { return nil }
        let hasFunctions = version == magic
        guard let producerVersion = reader.optionalString(), let timestamp = reader.optionalInt(),
            let sources = reader.strings(), let warnings = reader.strings(), let fileCount = reader.varint() else {
            return nil
        }
        var files: [SourceFile] = []
        for _ in 0..<fileCount {
            guard let name = reader.string(), let key = reader.optionalString(), let lineCount = reader.varint() else {
                return nil
            }
            var lines: [LineCoverage] = []
            lines.reserveCapacity(Int(lineCount))
            var number = 0
            for _ in 0..<lineCount {
                guard let delta = reader.signed(), let hits = reader.signed(), let valid = reader.varint(),
                    let covered = reader.varint()
                else { return nil }
                number += Int(delta)
                lines.append(
                    LineCoverage(number: number, hits: hits, branchesValid: Int32(clamping: valid),
                                 branchesCovered: Int32(clamping: covered)))
            }
            guard let missingCount = reader.varint() else { return nil }
            var missing: [Int: String] = [:]
            for _ in 0..<missingCount {
                guard let line = reader.signed(), let targets = reader.string() else { return nil }
                missing[Int(line)] = targets
            }
            var functions: [FunctionCoverage] = []
            if hasFunctions {
                guard let decoded = reader.functions() else { return nil }
                functions = decoded
            }
            files.append(SourceFile(name: name, key: key, lines: lines, missingBranches: missing, functions: functions))
        }
        var tests: TestResults?
        guard let hasTests = reader.varint() else { return nil }
        if hasTests == 1 {
            var values: [Int] = []
            for _ in 0..<6 {
                guard let value = reader.varint() else { return nil }
                values.append(Int(value))
            }
            guard let modules = reader.strings() else { return nil }
            // The test time was added after the first archives; older blobs end before it.
            let time = reader.isAtEnd ? nil : reader.optionalInt().flatMap { $0 }
            tests = TestResults(
                tests: values[0], passed: values[1], failures: values[2], errors: values[3], skipped: values[4],
                collectionErrors: values[5], collectionErrorModules: modules,
                timestamp: time.map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
        let report = CoverageReport(
            producer: producer, producerVersion: producerVersion,
            timestamp: timestamp.map { Date(timeIntervalSince1970: TimeInterval($0)) }, sources: sources, files: files,
            warnings: warnings)
        return (report, tests)
    }

    // MARK: - zlib

    static func compress(_ data: [UInt8]) -> Data {
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

    private static func decompress(_ blob: Data) -> Data? {
        guard blob.count >= 8 else { return nil }
        let expected = blob.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian
        guard expected < 1 << 34 else { return nil }
        var size = uLong(expected)
        var output = Data(count: Int(expected))
        let code = output.withUnsafeMutableBytes { out in
            blob.withUnsafeBytes { input in
                uncompress(
                    out.baseAddress?.assumingMemoryBound(to: Bytef.self), &size,
                    input.baseAddress!.assumingMemoryBound(to: Bytef.self) + 8, uLong(blob.count - 8))
            }
        }
        return code == Z_OK && size == expected ? output : nil
    }
}

// MARK: - Varint byte stream

struct ByteWriter {
    /// A byte array, not `Data`: appending single bytes to `Data` cost ~30 instructions each.
    private(set) var buffer: [UInt8] = []

    var data: Data { Data(buffer) }

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func bytes(_ values: [UInt8]) { buffer.append(contentsOf: values) }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }

    mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ value: String) {
        varint(UInt64(value.utf8.count))
        buffer.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        varint(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func optionalInt(_ value: Int?) {
        varint(value == nil ? 0 : 1)
        if let value { signed(Int64(value)) }
    }

    mutating func strings(_ values: [String]) {
        varint(UInt64(values.count))
        for value in values { string(value) }
    }
}

struct ByteReader {
    private let data: [UInt8]
    private var offset = 0

    init(_ data: Data) { self.data = Array(data) }

    var isAtEnd: Bool { offset >= data.count }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard offset + count <= data.count else { return nil }
        defer { offset += count }
        return Array(data[offset..<offset + count])
    }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < data.count, shift < 64 {
            let byte = data[offset]
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    mutating func signed() -> Int64? {
        guard let raw = varint() else { return nil }
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func string() -> String? {
        guard let count = varint(), count <= UInt64(data.count - offset), let bytes = bytes(Int(count)) else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func optionalString() -> String?? {
        guard let flag = varint() else { return nil }
        return flag == 0 ? .some(nil) : string().map { .some($0) }
    }

    mutating func optionalInt() -> Int?? {
        guard let flag = varint() else { return nil }
        return flag == 0 ? .some(nil) : signed().map { .some(Int($0)) }
    }

    /// A file's functions (`TMR2`): a count, then name, signature, line, hits, lines valid and covered each.
    mutating func functions() -> [FunctionCoverage]? {
        // Each entry takes at least six bytes: a count beyond that is a damaged blob.
        guard let count = varint(), count <= UInt64(data.count - offset) / 6 else { return nil }
        var functions: [FunctionCoverage] = []
        functions.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let name = string(), let signature = string(), let line = signed(), let hits = signed(),
                let valid = varint(), let covered = varint()
            else { return nil }
            functions.append(FunctionCoverage(
                name: name, signature: signature, line: Int(clamping: line), hits: hits,
                linesValid: Int(clamping: valid), linesCovered: Int(clamping: covered)))
        }
        return functions
    }

    mutating func strings() -> [String]? {
        guard let count = varint(), count <= UInt64(data.count) else { return nil }
        var values: [String] = []
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }
}
