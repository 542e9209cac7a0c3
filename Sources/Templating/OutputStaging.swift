/// Bytes on their way to the caller's buffer during one render.
///
/// Most tags add a few bytes, and one `Array.append` costs more than copying them, so small pieces are
/// gathered in a fixed area and appended to the array in large pieces. A large piece (such as a pre-built
/// table of source rows) goes to the array directly, in one copy.
struct OutputStaging {
    /// How many bytes are gathered before they are appended.
    static let capacity = 8192

    private let area: UnsafeMutablePointer<UInt8>
    private var used = 0

    /// Gathers into `area`, which has room for `capacity` bytes.
    init(area: UnsafeMutablePointer<UInt8>) {
        self.area = area
    }

    /// Appends `bytes` as they are.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let source = bytes.baseAddress else { return }
        if bytes.count <= Self.capacity - used {
            (area + used).update(from: source, count: bytes.count)
            used += bytes.count
        } else {
            appendLarge(bytes, into: &out)
        }
    }

    /// Appends `bytes` HTML-escaped, as `HTMLEscaping.escape(_:into:)` does.
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let extra = HTMLEscaping.extraByteCount(bytes)
        guard extra > 0 else { return append(bytes, into: &out) }
        // The escaping writes entities as whole words, so it needs eight spare bytes.
        let needed = bytes.count + extra + 8
        if needed > Self.capacity - used {
            flush(into: &out)
            guard needed <= Self.capacity else { return HTMLEscaping.escape(bytes, into: &out) }
        }
        used += HTMLEscaping.write(bytes, escapedTo: area + used)
    }

    /// Appends the UTF-8 bytes of `text`, escaped or as they are.
    @inline(__always)
    mutating func append(_ text: String, escaped: Bool, into out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable {
            if escaped { appendEscaped($0, into: &out) } else { append($0, into: &out) }
        }
        if done == nil {
            var copy = text
            copy.withUTF8 { if escaped { appendEscaped($0, into: &out) } else { append($0, into: &out) } }
        }
    }

    /// Appends what has been gathered to `out`.
    mutating func flush(into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: area, count: used))
        used = 0
    }

    private mutating func appendLarge(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        flush(into: &out)
        if bytes.count >= Self.capacity / 2 {
            out.append(contentsOf: bytes)
        } else {
            append(bytes, into: &out)
        }
    }
}
