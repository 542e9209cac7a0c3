import CZlib
import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

@_spi(Fuzzing) @testable import HistoryStore

/// The per-line archive read back from blobs anyone could have written into a history: every
/// crafted blob gives `nil`, never a trap or a huge allocation.
struct ReportArchiveTests {
    /// A version-2 archive's raw bytes up to the file count, for crafting the rest by hand.
    static func header(version: UInt8 = ReportArchive.version, files: UInt64) -> ByteWriter {
        var writer = ByteWriter()
        writer.bytes(Array("TMR".utf8) + [UInt8(ascii: "0") + version])
        writer.string("coverage.py")
        writer.optionalString(nil)
        writer.optionalInt(nil)
        writer.strings([])
        writer.strings([])
        writer.varint(files)
        return writer
    }

    static func blob(_ writer: ByteWriter) -> Data { ReportArchive.compress(writer.buffer) }

    @Test("Every fixture report survives encode → decode unchanged")
    func roundTrip() throws {
        for name in [
            "coverage.py-missing-branches.xml", "gcovr-conditions.xml", "altcover-line-twice.xml",
            "generic-hits-huge.xml",
        ] {
            let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture(name))
            let tests = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
            let decoded = try #require(ReportArchive.decode(ReportArchive.encode(report, tests: tests)), "\(name)")
            #expect(decoded.report == report, "\(name)")
            #expect(decoded.tests == tests)
        }
    }

    @Test("The previous run's files, read in place, hold the display paths and lines decode gives")
    func previousFiles() throws {
        for name in [
            "coverage.py-missing-branches.xml", "gcovr-conditions.xml", "altcover-line-twice.xml",
            "generic-hits-huge.xml", "tarpaulin-windows-paths.xml",
        ] {
            var report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture(name))
            // A key for one file: its display path is the key, not the name.
            report.files[0].key = "src/" + report.files[0].name
            let blob = ReportArchive.encode(report, tests: nil)
            let previous = try #require(ReportArchive.previousFiles(blob), "\(name)")
            #expect(previous.displayPaths == report.files.map(\.displayPath), "\(name)")
            #expect(previous.displayPaths[0] == "src/" + report.files[0].name)
            for (index, file) in report.files.enumerated() {
                var lines: [LineCoverage] = []
                previous.forEachLine(ofFile: index) { lines.append($0) }
                #expect(lines == file.lines, "\(name): \(file.name)")
            }
        }
        // A version-1 archive (lines in any order, as written) is decoded: its lines come sorted.
        var old = Self.header(version: 1, files: 1)
        old.string("a.py")
        old.optionalString(nil)
        old.varint(2)
        for (delta, hits) in [(5, 1), (-2, 0)] as [(Int64, Int64)] {
            old.signed(delta)
            old.signed(hits)
            old.varint(0)
            old.varint(0)
        }
        old.varint(0)
        old.varint(0)
        let oldFiles = try #require(ReportArchive.previousFiles(Self.blob(old)))
        var oldLines: [Int] = []
        oldFiles.forEachLine(ofFile: 0) { oldLines.append($0.number) }
        #expect(oldLines == [3, 5])
        // Files out of name order (FuzzArchive found it) come in the order decode gives them.
        var unordered = Self.header(files: 2)
        for (name, line) in [("b.py", 4), ("a.py", 7)] {
            unordered.string(name)
            unordered.optionalString(nil)
            unordered.varint(1)
            for value in [Int64(line), 1] { unordered.signed(value) }
            for _ in 0..<4 { unordered.varint(0) }
        }
        unordered.varint(0)
        let decoded = try #require(ReportArchive.decode(Self.blob(unordered)))
        let unorderedFiles = try #require(ReportArchive.previousFiles(Self.blob(unordered)))
        #expect(
            unorderedFiles.displayPaths == ["a.py", "b.py"] && decoded.report.files.map(\.name) == ["a.py", "b.py"])
        var first: [Int] = []
        unorderedFiles.forEachLine(ofFile: 0) { first.append($0.number) }
        #expect(first == [7])
        // What decode refuses, this refuses: a damaged line in the last file, a truncated tail.
        var damaged = Self.header(files: 1)
        damaged.string("a.py")
        damaged.optionalString(nil)
        damaged.varint(1)
        damaged.signed(0)
        damaged.signed(1)
        damaged.varint(0)
        damaged.varint(0)
        damaged.varint(0)
        damaged.varint(0)
        damaged.varint(0)
        #expect(ReportArchive.decode(Self.blob(damaged)) == nil)
        #expect(ReportArchive.previousFiles(Self.blob(damaged)) == nil)
        let whole = ReportArchive.serialized(
            try CoberturaParser().parse(contentsOf: FixturePaths.fixture("gcovr-conditions.xml")), tests: nil)
        let cut = ReportArchive.compress(Array(whole.dropLast(3)))
        #expect(ReportArchive.decode(cut) == nil)
        #expect(ReportArchive.previousFiles(cut) == nil)
    }

    @Test("A report large enough to be written in two parts on two cores is the archive written in one piece")
    func twoParts() throws {
        // coverage.py's files, each with its lines (and missing branches) repeated further down, until
        // the report has the lines of two parts.
        let real = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-missing-branches.xml"))
        let perCopy = real.files.reduce(0) { $0 + $1.lines.count }
        let repeats = ReportArchive.partLines / perCopy / 10 + 1
        var files: [SourceFile] = []
        for folder in 0..<10 {
            for file in real.files {
                let stride = (file.lines.last?.number ?? 0) + 1
                let lines = (0..<repeats).flatMap { copy in
                    file.lines.map {
                        LineCoverage(
                            number: $0.number + copy * stride, hits: $0.hits, branchesValid: $0.branchesValid,
                            branchesCovered: $0.branchesCovered)
                    }
                }
                let missing = Dictionary(
                    uniqueKeysWithValues: (0..<repeats).flatMap { copy in
                        file.missingBranches.map { ($0.key + copy * stride, $0.value) }
                    })
                files.append(
                    SourceFile(
                        name: "folder\(folder)/" + file.name, lines: lines, missingBranches: missing,
                        functions: file.functions))
            }
        }
        let report = CoverageReport(
            producer: real.producer, producerVersion: real.producerVersion, timestamp: real.timestamp,
            sources: real.sources, files: files, warnings: ["one warning"])
        #expect(report.files.reduce(0) { $0 + $1.lines.count } >= ReportArchive.partLines)
        let tests = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
        let blob = ReportArchive.encode(report, tests: tests)
        // Compared as Bools: a mismatch would print megabytes.
        let sameBytes = ReportArchive.decompress(blob) == ReportArchive.serialized(report, tests: tests)
        #expect(sameBytes, "the two parts inflate to the one-part bytes")
        let sameBlob = blob == ReportArchive.compress(ReportArchive.serialized(report, tests: tests))
        #expect(sameBlob, "the parts are joined before they are deflated, as one stream")
        let decoded = try #require(ReportArchive.decode(blob))
        #expect(decoded.report == report)
        #expect(decoded.tests == tests)
    }

    @Test("An archive deflated by zlib, as Tidemark wrote them before libdeflate, reads back the same")
    func zlibArchive() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-missing-branches.xml"))
        let raw = ReportArchive.serialized(report, tests: nil)
        // zlib's compress2 at level 1 after the 8-byte little-endian size: the format of every archive
        // written so far.
        var size = compressBound(uLong(raw.count))
        var blob = [UInt8](repeating: 0, count: Int(size) + 8)
        withUnsafeBytes(of: UInt64(raw.count).littleEndian) { for index in 0..<8 { blob[index] = $0[index] } }
        let code = blob.withUnsafeMutableBufferPointer { out in
            compress2(out.baseAddress! + 8, &size, raw, uLong(raw.count), 1)
        }
        try #require(code == Z_OK)
        let zlibBlob = Data(blob.prefix(Int(size) + 8))
        #expect(zlibBlob != ReportArchive.compress(raw), "another deflater's bytes")
        #expect(ReportArchive.decompress(zlibBlob) == raw)
        #expect(ReportArchive.decode(zlibBlob)?.report == report)
        // A stream cut short, or one that inflates past its declared size, is refused.
        #expect(ReportArchive.decode(zlibBlob.prefix(zlibBlob.count - 10)) == nil)
        var longer = zlibBlob
        longer.replaceSubrange(0..<8, with: withUnsafeBytes(of: UInt64(raw.count - 1).littleEndian) { Data($0) })
        #expect(ReportArchive.decompress(longer) == nil)
    }

    @Test(
        "Counts larger than the bytes left are refused before anything is reserved",
        arguments: [
            UInt64.max, UInt64(Int.max), 1 << 40, 1000,
        ])
    func hugeCounts(_ count: UInt64) {
        var files = Self.header(files: count)
        #expect(ReportArchive.decode(Self.blob(files)) == nil)
        var lines = Self.header(files: 1)
        lines.string("a.py")
        lines.optionalString(nil)
        lines.varint(count)
        #expect(ReportArchive.decode(Self.blob(lines)) == nil)
        files = Self.header(files: 0)
        files.varint(1)
        for _ in 0..<6 { files.varint(count) }
        files.strings([])
        #expect(ReportArchive.decode(Self.blob(files)) == nil)
    }

    @Test(
        "A stored report or test time outside four-digit years reads as unknown and is written again without a trap"
    )
    func timesOutOfRange() throws {
        // FuzzArchive's input: a gcovr archive whose report time is 2⁶³ − 2 seconds.
        let found = Data(
            base64Encoded:
                "VE1SMgVnY292cgEDOC44AZL+/////////w0BFC9ob21lL2NpL2J1aWxkBi9jcBAEAwIMCQAAAAAAVE1SMwVnY292//8=")!
        let crafted = try #require(ReportArchive.decode(ReportArchive.compress(Array(found))))
        #expect(crafted.report.timestamp == nil)
        #expect(
            ReportArchive.decode(ReportArchive.encode(crafted.report, tests: crafted.tests))?.report == crafted.report)
        // Just outside the range and far outside it are unknown; just inside it is kept.
        for (report, test, kept) in [
            (Int.max, Int.min, false), (253_402_387_200, -62_167_305_601, false), (Int.min, Int.max, false),
            (253_402_387_199, -62_167_305_600, true),
        ] {
            var writer = ByteWriter()
            writer.bytes(Array("TMR".utf8) + [UInt8(ascii: "0") + ReportArchive.version])
            writer.string("coverage.py")
            writer.optionalString(nil)
            writer.optionalInt(report)
            writer.strings([])
            writer.strings([])
            writer.varint(1)
            writer.string("a.py")
            writer.optionalString(nil)
            writer.varint(1)
            for value in [1, 1] { writer.signed(Int64(value)) }
            for _ in 0..<4 { writer.varint(0) }
            writer.varint(1)
            for value in [1, 1, 0, 0, 0, 0] { writer.varint(UInt64(value)) }
            writer.strings([])
            writer.optionalInt(test)
            let decoded = try #require(ReportArchive.decode(Self.blob(writer)), "\(report)")
            #expect((decoded.report.timestamp != nil) == kept && (decoded.tests?.timestamp != nil) == kept, "\(report)")
            let again = ReportArchive.decode(ReportArchive.encode(decoded.report, tests: decoded.tests))
            #expect(again?.report == decoded.report && again?.tests == decoded.tests)
        }
    }

    @Test("Line numbers that overflow, repeat or leave 1…2³¹−1, negative hits and covered > valid are refused")
    func badLines() {
        let cases: [[(delta: Int64, hits: Int64, valid: UInt64, covered: UInt64)]] = [
            [(Int64.max, 1, 0, 0), (Int64.max, 1, 0, 0)],
            [(1, 1, 0, 0), (0, 1, 0, 0)],
            [(0, 1, 0, 0)],
            [(Int64(Int32.max) + 1, 1, 0, 0)],
            [(3, -1, 0, 0)],
            [(3, 1, 2, 3)],
            [(3, 1, UInt64(Int32.max) + 1, 0)],
        ]
        for lines in cases {
            var writer = Self.header(files: 1)
            writer.string("a.py")
            writer.optionalString(nil)
            writer.varint(UInt64(lines.count))
            for line in lines {
                writer.signed(line.delta)
                writer.signed(line.hits)
                writer.varint(line.valid)
                writer.varint(line.covered)
            }
            writer.varint(0)
            writer.varint(0)
            #expect(ReportArchive.decode(Self.blob(writer)) == nil, "\(lines)")
        }
    }

    @Test("A declared size that is huge, too small or too large for the data is refused")
    func declaredSizes() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-branches.xml"))
        let good = ReportArchive.encode(report, tests: nil)
        #expect(ReportArchive.decode(good) != nil)
        let declared = good.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian
        for size in [UInt64(16) << 30, 1 << 62, UInt64.max, declared - 1, declared + 1, 0] {
            var blob = good
            var little = size.littleEndian
            blob.replaceSubrange(0..<8, with: Data(bytes: &little, count: 8))
            #expect(ReportArchive.decode(blob) == nil, "\(size)")
        }
        #expect(ReportArchive.decode(Data()) == nil)
        #expect(ReportArchive.decode(good.prefix(8)) == nil)
        #expect(ReportArchive.decode(good.prefix(good.count - 1)) == nil)
    }

    @Test("Every truncation and every single-byte change of a real archive decodes or is refused alike, never traps")
    func everyCut() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-missing-branches.xml"))
        let tests = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest.xml"))
        let raw = try #require(ReportArchive.decompress(ReportArchive.encode(report, tests: tests)))
        // The previous run's reading refuses exactly the blobs decode refuses.
        var disagreements = 0
        func read(_ bytes: [UInt8]) {
            let blob = ReportArchive.compress(bytes)
            if (ReportArchive.decode(blob) == nil) != (ReportArchive.previousFiles(blob) == nil) { disagreements += 1 }
        }
        for length in 0..<raw.count { read(Array(raw.prefix(length))) }
        for index in raw.indices {
            for value: UInt8 in [0, 0x7f, 0x80, 0xff] {
                var changed = raw
                changed[index] = value
                read(changed)
            }
        }
        #expect(disagreements == 0)
        #expect(ReportArchive.decode(ReportArchive.compress(raw))?.report == report)
    }

    @Test("Archives are written as version 3; an unknown version is not read")
    func versions() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("altcover-line-twice.xml"))
        var raw = try #require(ReportArchive.decompress(ReportArchive.encode(report, tests: nil)))
        #expect(raw.prefix(4) == Array("TMR3".utf8)[...])
        raw[3] = UInt8(ascii: "9")
        #expect(ReportArchive.decode(ReportArchive.compress(raw)) == nil)
    }
}
