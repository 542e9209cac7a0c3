import CTextScan
import Testing

@testable import SiteRenderer

/// The page bytes as the site writes them: a page already clean is kept as it is, any other is
/// cleaned; the check agrees with a plain line-by-line reference at every offset.
struct PageBytesTests {
    /// The reference: one trailing newline, no `\r`, no space or tab at a line's end.
    static func referenceIsClean(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == UInt8(ascii: "\n"), bytes.count == 1 || bytes[bytes.count - 2] != UInt8(ascii: "\n"),
            !bytes.contains(UInt8(ascii: "\r"))
        else { return false }
        return !bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).contains { line in
            line.last == UInt8(ascii: " ") || line.last == UInt8(ascii: "\t")
        }
    }

    /// `PageBytes.isClean` with each step of the scan (one byte, SSE2, AVX2); nil when they disagree.
    static func isClean(_ bytes: [UInt8]) -> Bool? {
        defer { tidemark_text_scan_use(0) }
        let verdicts = (1...3).map { level in
            tidemark_text_scan_use(Int32(level))
            return PageBytes.isClean(bytes)
        }
        return verdicts.allSatisfy { $0 == verdicts[0] } ? verdicts[0] : nil
    }

    @Test("A space, a tab or a carriage return at every offset of a 70-byte page is found as the reference finds it")
    func everyOffset() {
        let page = Array("<p>one line</p>\n<p>another, longer line of the page</p>\n<td>x = 1\n<tr>\n".utf8)
        #expect(Self.isClean(page) == true && Self.referenceIsClean(page))
        for offset in page.indices {
            for byte in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
                var changed = page
                changed[offset] = byte
                #expect(Self.isClean(changed) == Self.referenceIsClean(changed), "\(byte) at \(offset)")
                changed.insert(byte, at: offset)
                #expect(Self.isClean(changed) == Self.referenceIsClean(changed), "\(byte) inserted at \(offset)")
                let cleaned = PageBytes.clean(changed)
                #expect(Self.referenceIsClean(cleaned), "cleaned: \(byte) inserted at \(offset)")
            }
        }
    }

    @Test("Short and edge pages: empty, one newline, a blank first line, a page ending without a newline")
    func shortPages() {
        for text in ["", "\n", " \n", "\na\n", "\r\n", "a", "a\n\n", "\t\n", "ab \ncd\n"] {
            let bytes = Array(text.utf8)
            #expect(Self.isClean(bytes) == Self.referenceIsClean(bytes), "\(text.debugDescription)")
            #expect(Self.referenceIsClean(PageBytes.clean(bytes)), "cleaned \(text.debugDescription)")
        }
    }
}
