import CTextScan
import Foundation

/// The bytes of a page as the site writes them.
enum PageBytes {
    /// UTF-8 text with `\n` endings, no trailing spaces, one trailing newline (STYLE.md §5). A page
    /// that already is so is kept as it is; otherwise each line is copied whole unless it ends in
    /// spaces, tabs or `\r` (a byte-by-byte copy was a sixth of a large site's render time).
    static func clean(_ bytes: [UInt8]) -> [UInt8] {
        if isClean(bytes) { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let origin = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let base = origin + start
                let end =
                    memchr(base, Int32(UInt8(ascii: "\n")), buffer.count - start)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(origin) } ?? buffer.count
                var last = end
                while last > start,
                    buffer[last - 1] == UInt8(ascii: " ") || buffer[last - 1] == UInt8(ascii: "\t")
                        || buffer[last - 1] == UInt8(ascii: "\r")
                {
                    last -= 1
                }
                var line = UnsafeBufferPointer(rebasing: buffer[start..<last])
                if memchr(base, Int32(UInt8(ascii: "\r")), last - start) != nil {
                    output.append(contentsOf: line.filter { $0 != UInt8(ascii: "\r") })
                    line = UnsafeBufferPointer(rebasing: line[0..<0])
                }
                output.append(contentsOf: line)
                if end < buffer.count { output.append(UInt8(ascii: "\n")) }
                start = end + 1
            }
        }
        while let last = output.last, last == UInt8(ascii: "\n") { output.removeLast() }
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// Whether `bytes` already end in exactly one newline and hold no `\r` and no space or tab
    /// before a newline: then `clean` returns them as they are (no copy of a multi-megabyte page).
    /// The lines are checked 32 or 16 bytes at a time (`tidemark_lines_are_clean`), where a `memchr`
    /// per line cost 2.5 % of a render.
    static func isClean(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let origin = buffer.baseAddress, buffer.count >= 1, buffer[buffer.count - 1] == UInt8(ascii: "\n"),
                buffer.count == 1 || buffer[buffer.count - 2] != UInt8(ascii: "\n")
            else { return false }
            return tidemark_lines_are_clean(origin, buffer.count) != 0
        }
    }
}
