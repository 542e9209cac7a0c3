import CTextScan

/// Where a source file's lines end and which of its bytes a page must escape, found in one pass
/// (`tidemark_scan_source`, 32 or 16 bytes a step): a file page's rows are cut at `newlines`, and a
/// line with no offset of `escapes` in it has its tokens copied as they are, where escaping each
/// token, and finding each line's end, took a tenth of a render's instructions.
struct SourceScan {
    /// Offsets of the line feeds, ascending.
    private(set) var newlines: [UInt32] = []
    /// Offsets of `&`, `<`, `>`, DEL and the control characters but tab, line feed and form feed:
    /// what `ByteSink.appendEscapedSource` does not copy as it is.
    private(set) var escapes: [UInt32] = []

    /// Scans `bytes` (a source file: at most `SourceText.maxBytes`, so offsets fit 32 bits).
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let origin = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(bytes.count <= Int(UInt32.max), "a source file of 4 GB or more")
        // Found offsets gather in two small buffers on the stack, appended when full.
        let room = 2048
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: room) { lines in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: room) { escaped in
                var from = 0
                repeat {
                    var lineCount = 0
                    var escapeCount = 0
                    from = tidemark_scan_source(
                        origin, bytes.count, from, lines.baseAddress, room, &lineCount, escaped.baseAddress, room,
                        &escapeCount)
                    newlines.append(contentsOf: lines[..<lineCount])
                    escapes.append(contentsOf: escaped[..<escapeCount])
                } while from < bytes.count
            }
        }
    }
}
