import Foundation
import TestSupport
import Testing

@testable import SiteRenderer

/// Reading a source file for its section: whole files of any size up to the limit, a byte-order mark
/// dropped, invalid UTF-8 repaired, larger files refused with the reason.
struct SourceTextTests {
    private func contents(of bytes: [UInt8]) throws -> (text: [UInt8]?, reason: String) {
        let folder = try TemporaryFolder()
        let path = folder.path + "/source.py"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return SourceText.file(path: path, stamp: "").contents()
    }

    @Test(
        "Files around the first read's 64 KB and the limit come back whole",
        arguments: [
            0, 1, 65_535, 65_536, 65_537, 200_000, SourceText.maxBytes,
        ])
    func wholeFiles(size: Int) throws {
        let bytes = (0..<size).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let read = try contents(of: bytes)
        #expect(read.text == bytes)
        #expect(read.reason == "")
    }

    @Test("A file over the limit is not shown, and the page says why")
    func tooLarge() throws {
        let read = try contents(of: [UInt8](repeating: UInt8(ascii: "x"), count: SourceText.maxBytes + 1))
        #expect(read.text == nil)
        #expect(read.reason.contains("larger than 4 MB"))
    }

    @Test("A byte-order mark is dropped; invalid UTF-8 becomes U+FFFD; valid UTF-8 stays as it is")
    func encodings() throws {
        #expect(try contents(of: [0xEF, 0xBB, 0xBF] + Array("x = 1".utf8)).text == Array("x = 1".utf8))
        #expect(try contents(of: Array("s = 'é'".utf8)).text == Array("s = 'é'".utf8))
        #expect(try contents(of: [UInt8(ascii: "a"), 0xFF, UInt8(ascii: "b")]).text == Array("a\u{FFFD}b".utf8))
    }

    @Test("A missing file gets a reason instead of text")
    func missing() {
        let read = SourceText.file(path: "/nonexistent/tidemark/source.py", stamp: "").contents()
        #expect(read.text == nil)
        #expect(read.reason == "The source file cannot be read.")
    }
}
