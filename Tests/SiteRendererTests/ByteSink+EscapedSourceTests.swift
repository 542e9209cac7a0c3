import CTextScan
import Formatting
import Testing

@testable import SiteRenderer

/// The escaping of source rows: eight bytes at a time, it must agree with a plain byte-by-byte
/// reference on every byte value and at every offset.
struct ByteSinkEscapedSourceTests {
    /// The reference: text escaping (`&`, `<`, `>`; quotes stay, as they may in an element's text),
    /// and U+FFFD for the control characters HTML forbids.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case 0x09, 0x0C, 0x20...0x7E, 0x80...: out.append(byte)
            default: out += Array("\u{FFFD}".utf8)
            }
        }
        return out
    }

    /// The line feeds, and where the reference changes a byte but for line feeds.
    static func expectedScan(_ bytes: [UInt8]) -> [[UInt32]] {
        [
            bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map(UInt32.init),
            bytes.indices.filter { bytes[$0] != UInt8(ascii: "\n") && reference([bytes[$0]]) != [bytes[$0]] }
                .map(UInt32.init),
        ]
    }

    /// What the scan finds, taking each of its steps in turn (one byte, SSE2, AVX2): all must agree.
    static func scanned(_ bytes: [UInt8]) -> [[UInt32]] {
        defer { tidemark_text_scan_use(0) }
        let found = (1...3).map { level in
            tidemark_text_scan_use(Int32(level))
            let scan = bytes.withUnsafeBufferPointer { SourceScan($0) }
            return [scan.newlines, scan.escapes]
        }
        return found.allSatisfy { $0 == found[0] } ? found[0] : [[UInt32.max]]
    }

    static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        var sink = ByteSink(capacity: 4)
        bytes.withUnsafeBufferPointer { sink.appendEscapedSource($0) }
        return Array(sink.text().utf8)
    }

    @Test(
        "Every byte value, alone, in pairs and at each offset of a 40-byte line (two 16-byte chunks and a tail), escapes as the reference does"
    )
    func everyByteAtEveryOffset() {
        let plain = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCD".utf8)
        for value in 0...255 where value < 0x80 {  // ASCII: bytes ≥ 0x80 only appear inside valid UTF-8
            for offset in plain.indices {
                var line = plain
                line[offset] = UInt8(value)
                #expect(Self.escaped(line) == Self.reference(line), "byte \(value) at \(offset)")
                #expect(Self.scanned(line) == Self.expectedScan(line), "scan: byte \(value) at \(offset)")
                line[(offset + 7) % line.count] = UInt8(ascii: "<")
                #expect(Self.escaped(line) == Self.reference(line), "byte \(value) at \(offset) with '<'")
            }
        }
        let dense = Array(String(repeating: "<'\"&>\u{1}\tx\n\r", count: 9).utf8)
        #expect(Self.escaped(dense) == Self.reference(dense))
        #expect(Self.scanned(dense) == Self.expectedScan(dense))
    }

    @Test("A scan finds every line feed and every byte to escape across its buffers' refills, with a short tail")
    func scanAcrossRefills() {
        // 5 000 lines, each with an escape: more of both than one refill of the scan holds.
        let text = (0..<5_000).map { "x\($0) < y & z\u{1}" }.joined(separator: "\n") + "\n\ttail>"
        let bytes = Array(text.utf8)
        #expect(Self.scanned(bytes) == Self.expectedScan(bytes))
        #expect(Self.scanned([]) == [[], []])
        #expect(Self.scanned(Array("\n".utf8)) == [[0], []])
    }

    @Test("Real code with tabs, quotes, markup and UTF-8 escapes as the reference does")
    func realCode() {
        let text = "\tif a < b && c > 'd' {\r\n\t\treturn \"é — <tag>\"\u{7F}\u{1B}[0m\u{0C}\n}"
        let bytes = Array(text.utf8)
        #expect(Self.escaped(bytes) == Self.reference(bytes))
        #expect(Self.escaped([]) == [])
    }
}
