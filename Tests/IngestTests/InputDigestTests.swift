import CChecksum
import CZlib
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// An input's fingerprint: zlib's CRC-32 and Adler-32, whichever way its bytes go through them.
struct InputDigestTests {
    /// zlib's two sums of `bytes` in one call each.
    static func zlibSums(_ bytes: UnsafeRawBufferPointer) -> (crc: UInt32, adler: UInt32) {
        let start = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
        return (
            UInt32(truncatingIfNeeded: crc32(0, start, uInt(bytes.count))),
            UInt32(truncatingIfNeeded: adler32(1, start, uInt(bytes.count)))
        )
    }

    @Test("Fingerprints tell files apart and are stable; a missing file has none")
    func fingerprints() throws {
        let folder = try TemporaryFolder()
        let a = try folder.write("a.xml", String(repeating: "a", count: 3 << 20))
        let b = try folder.write("b.xml", String(repeating: "a", count: 3 << 20) + "b")
        let first = try #require(InputDigest.fingerprint(ofFileAt: a))
        #expect(first == InputDigest.fingerprint(ofFileAt: a))
        #expect(first != InputDigest.fingerprint(ofFileAt: b))
        #expect(first.hasPrefix("z1-3145728-"))
        #expect(InputDigest.fingerprint(ofFileAt: folder.path + "/none.xml") == nil)
    }

    @Test("The sums are zlib's for every length, alignment and split of the bytes")
    func sumsAreZlibs() {
        var random = SeededRandom(seed: 17)
        // Long enough for several of Adler-32's 5 552-byte runs, with every byte value.
        let bytes = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        // Every byte 0xFF: the largest sums each step can meet.
        let full = [UInt8](repeating: 0xFF, count: 1 << 20)
        bytes.withUnsafeBytes { all in
            var cases: [(offset: Int, count: Int)] = (0..<300).map { (Int($0 % 64), $0) }
            for _ in 0..<300 {
                cases.append(
                    (Int.random(in: 0..<64, using: &random), Int.random(in: 0..<(all.count - 64), using: &random)))
            }
            for (offset, count) in cases {
                let slice = UnsafeRawBufferPointer(rebasing: all[offset..<offset + count])
                var whole = InputDigest.Sums()
                whole.add(slice)
                let expected = Self.zlibSums(slice)
                #expect(whole.crc == expected.crc && whole.adler == expected.adler, "\(count) bytes at \(offset)")
                // In pieces, as a file comes in reads: each piece carries the sums on.
                var pieces = InputDigest.Sums()
                var at = 0
                while at < count {
                    let piece = min(count - at, Int.random(in: 1...200, using: &random))
                    pieces.add(UnsafeRawBufferPointer(rebasing: slice[at..<at + piece]))
                    at += piece
                }
                #expect(
                    pieces.crc == expected.crc && pieces.adler == expected.adler, "\(count) bytes at \(offset), split")
            }
        }
        full.withUnsafeBytes { all in
            var sums = InputDigest.Sums()
            sums.add(all)
            let expected = Self.zlibSums(all)
            #expect(sums.crc == expected.crc && sums.adler == expected.adler)
        }
    }

    @Test("A file's fingerprint keeps its format: the byte count and zlib's sums in hex")
    func fingerprintOfAFixture() throws {
        // Computed with Python's zlib (the same library), so that a history's stored fingerprints
        // still match after the sums moved to vector steps.
        let path = FixturePaths.fixture("gcovr-8.8-inline-header.xml")
        #expect(InputDigest.fingerprint(ofFileAt: path) == "z1-11854-f38a3e74-da480df8")
        // A file of several reads: the fingerprint is the sums of its bytes whole.
        let folder = try TemporaryFolder()
        var random = SeededRandom(seed: 3)
        let bytes = (0..<(InputDigest.chunkSize * 2 + 1_234)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let big = folder.path + "/big.xml"
        try Data(bytes).write(to: URL(fileURLWithPath: big))
        let sums = bytes.withUnsafeBytes(Self.zlibSums)
        let expected = "z1-\(bytes.count)-" + String(sums.crc, radix: 16) + "-" + String(sums.adler, radix: 16)
        #expect(InputDigest.fingerprint(ofFileAt: big) == expected)
        #expect(InputDigest.fingerprint(ofFileAt: folder.path) == nil)
        #expect(InputDigest.fingerprint(ofFileAt: folder.path + "/missing.xml") == nil)
    }

    @Test("The vector steps are taken where the processor has them (x86-64 with PCLMULQDQ)")
    func vectorStepsAreTaken() {
        var sums = (crc: UInt32(0), adler: UInt32(1))
        let bytes = [UInt8](repeating: 7, count: 200)
        let done = bytes.withUnsafeBufferPointer {
            tidemark_checksums_prefix($0.baseAddress, 200, &sums.crc, &sums.adler)
        }
        #expect(done == (tidemark_checksums_are_vectorised() != 0 ? 192 : 0))
    }
}
