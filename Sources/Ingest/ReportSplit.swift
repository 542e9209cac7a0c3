import Foundation

/// Where a large Cobertura report can be parsed in two parts at once (docs/performance.md, "The parse
/// in two parts").
///
/// libxml2 parses on one core. A report whose classes sit where every common producer puts them
/// (`<coverage><packages><package><classes><class …>`) is read from its start as usual, and, on
/// another thread, from a `<class` tag past its middle: that part's parser first reads `prefix`, the
/// file's own bytes up to the end of its root's start tag followed by `<packages><package><classes>`,
/// so it is in the state the first part's parser will be in there. The tag need not start a line:
/// cargo-tarpaulin writes its report as one line.
///
/// Nothing here decides that the split is right. The first part's parser checks, when it reaches the
/// second part's first `<class>`, that it is that very element (the same byte offset) and that it
/// sits inside exactly `<coverage><packages><package><classes>`; the second part must have parsed to
/// its end without an error or a warning. Only then are its files taken and the first part's parse
/// stopped. Otherwise the first part parses on to the end, as a parse that was never split.
struct ReportSplit: Sendable {
    /// Where the second part starts in the file: the `<` of a `<class` tag.
    let offset: Int
    /// What the second part's parser reads before the file's bytes from `offset` on.
    let prefix: [UInt8]
    /// The file planned: both parts must read it, unchanged since.
    let file: FileIdentity

    /// What the first part's parser adds to the byte offsets the second part's parser reports.
    var offsetShift: Int { offset - prefix.count }

    /// Reports smaller than this are parsed in one part: a thread and a second parser cost more
    /// than half of their parse saves.
    static let minimumBytes = 2 << 20

    /// The share of the file the first part reads: half, since each part parses and replays its
    /// own events on its own thread (`CoberturaRecorder.secondPart`). Of 0.45, 0.5 and 0.55, half
    /// was fastest (`inspect` of 20 000 files, medians of 21 alternating runs: 98.8, 94.6 and
    /// 100.4 ms; 7 December).
    static let firstShare = 0.5

    private static let head = 64 * 1024
    private static let window = 256 * 1024
    /// How far past the middle a `<class` tag is looked for.
    private static let reach = 4 << 20

    /// The split of the file at `path`, or `nil` when it should be parsed in one part: smaller than
    /// `minimumBytes`, compressed, not UTF-8, a DOCTYPE with declarations, or no `<class` tag found.
    /// - Parameters:
    ///   - share: the part of the file before the split (tests move it).
    static func plan(
        path: String, share: Double = firstShare, minimumBytes: Int = minimumBytes
    ) -> ReportSplit? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let file = FileIdentity(of: fd) else {
            return nil
        }
        let size = Int(status.st_size)
        guard size >= max(minimumBytes, 1) else { return nil }
        let head = read(fd, at: 0, count: min(size, Self.head))
        guard let rootEnd = rootStartTagEnd(in: head) else { return nil }
        var from = max(rootEnd, Int(Double(size) * min(max(share, 0), 1)))
        let end = min(size, from + Self.reach)
        while from < end {
            let bytes = read(fd, at: from, count: min(Self.window, end - from) + 16)
            if let tag = classTagStart(in: bytes) {
                return ReportSplit(
                    offset: from + tag, prefix: Array(head[..<rootEnd]) + Array("<packages><package><classes>\n".utf8),
                    file: file)
            }
            guard bytes.count > 16 else { return nil }
            from += bytes.count - 16
        }
        return nil
    }

    private static func read(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return got > 0 ? Array(bytes[..<got]) : []
    }

    /// The offset just after the `>` of the root's start tag, when the prolog before it is one this
    /// split can repeat: plain or UTF-8 encoded (no UTF-16, no other declared encoding), with no
    /// DOCTYPE declarations, and the root is `<coverage>` with content.
    static func rootStartTagEnd(in bytes: [UInt8]) -> Int? {
        var at = 0
        if bytes.starts(with: [0x1F, 0x8B]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return nil
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { at = 3 }
        func starts(_ text: String, at index: Int) -> Bool {
            let utf8 = Array(text.utf8)
            return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
        }
        func find(_ text: String, from index: Int) -> Int? {
            let utf8 = Array(text.utf8)
            var index = index
            while index + utf8.count <= bytes.count {
                if bytes[index] == utf8[0], starts(text, at: index) { return index }
                index += 1
            }
            return nil
        }
        while true {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
            if starts("<?xml", at: at) {
                guard let end = find("?>", from: at) else { return nil }
                let declaration = String(decoding: bytes[at..<end], as: UTF8.self).lowercased()
                if let encoding = declaration.range(of: "encoding") {
                    let value = declaration[encoding.upperBound...].drop { " \t\r\n='\"".contains($0) }
                    guard value.hasPrefix("utf-8") || value.hasPrefix("utf8") else { return nil }
                }
                at = end + 2
            } else if starts("<!--", at: at) {
                guard let end = find("-->", from: at + 4) else { return nil }
                at = end + 3
            } else if starts("<!DOCTYPE", at: at) {
                guard let end = find(">", from: at), !bytes[at..<end].contains(UInt8(ascii: "[")) else { return nil }
                at = end + 1
            } else if starts("<coverage", at: at) {
                at += 9
                guard at < bytes.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">")].contains(bytes[at]) else {
                    return nil
                }
                var quote: UInt8?
                while at < bytes.count {
                    let byte = bytes[at]
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "<") {
                        return nil
                    } else if byte == UInt8(ascii: ">") {
                        return bytes[at - 1] == UInt8(ascii: "/") ? nil : at + 1
                    }
                    at += 1
                }
                return nil
            } else {
                return nil
            }
        }
    }

    /// The offset of the first `<class` tag in `bytes`: `<class` followed by white space, `>` or `/`.
    static func classTagStart(in bytes: [UInt8]) -> Int? {
        let tag = Array("<class".utf8)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            let end = open + tag.count
            if end < bytes.count, bytes[open..<end].elementsEqual(tag),
                [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[end])
            {
                return open
            }
            index = open + 1
        }
        return nil
    }
}
