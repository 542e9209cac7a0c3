extension LineScanner {
    /// A string literal starting at `index` (prefix included), or nil when none starts there.
    func stringLiteral(at index: Int, state: inout Highlighter.State, into tokens: inout [Token]) -> Int? {
        if rules.cppRawStrings, let end = cppRawString(at: index, state: &state, into: &tokens) { return end }
        for opener in compiled.openers[Int(line[index])] where starts(with: opener.bytes, at: index) {
            let form = compiled.strings[opener.rule]
            var cursor = index + opener.bytes.count
            var hashes = 0
            if form.hashDelimited {
                while cursor < line.count, line[cursor] == UInt8(ascii: "#") {
                    hashes += 1
                    cursor += 1
                }
                guard starts(with: form.open, at: cursor) else { continue }
                cursor += form.open.count
            }
            let close = hashes == 0 ? form.close : form.close + [UInt8](repeating: UInt8(ascii: "#"), count: hashes)
            // Extended delimiters turn escapes off (Swift `#"\n"#` is a backslash and an n).
            let escapes = form.escapes && hashes == 0
            let (end, closed) = stringBody(
                from: cursor, close: close, escapes: escapes, doubledQuotes: form.doubledQuoteEscapes)
            emit(index, end, .string, into: &tokens)
            if !closed, form.multiline {
                state = .string(close: close, escapes: escapes, doubledQuotes: form.doubledQuoteEscapes)
            }
            return end
        }
        return nil
    }

    /// The rest of a string from `index`: its end (after the closing delimiter, or the line's end)
    /// and whether it closed on this line.
    func stringBody(from index: Int, close: [UInt8], escapes: Bool, doubledQuotes: Bool) -> (end: Int, closed: Bool) {
        var cursor = index
        while cursor < line.count {
            let byte = line[cursor]
            if escapes, byte == UInt8(ascii: "\\") {
                cursor += 2
                continue
            }
            if byte == close[0], starts(with: close, at: cursor) {
                if doubledQuotes, starts(with: close, at: cursor + close.count) {
                    cursor += close.count * 2
                    continue
                }
                return (cursor + close.count, true)
            }
            cursor += 1
        }
        return (line.count, false)
    }

    /// C++ `R"delim(…)delim"`, with an optional `u8`, `u`, `U` or `L` before the `R`.
    private func cppRawString(at index: Int, state: inout Highlighter.State, into tokens: inout [Token]) -> Int? {
        var cursor = index
        for prefix in Self.cppRawPrefixes where starts(with: prefix, at: cursor) {
            cursor += prefix.count - 2
            break
        }
        guard starts(with: Self.cppRaw, at: cursor) else { return nil }
        cursor += 2
        let delimiterStart = cursor
        while cursor < line.count, cursor - delimiterStart <= 16, line[cursor] != UInt8(ascii: "(") {
            let byte = line[cursor]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\") { return nil }
            cursor += 1
        }
        guard cursor < line.count, line[cursor] == UInt8(ascii: "(") else { return nil }
        let close = [UInt8(ascii: ")")] + Array(line[delimiterStart..<cursor]) + [UInt8(ascii: "\"")]
        let (end, closed) = stringBody(from: cursor + 1, close: close, escapes: false, doubledQuotes: false)
        emit(index, end, .string, into: &tokens)
        if !closed { state = .string(close: close, escapes: false, doubledQuotes: false) }
        return end
    }

    private static let cppRaw = Array("R\"".utf8)
    private static let cppRawPrefixes = ["u8R\"", "uR\"", "UR\"", "LR\""].map { Array($0.utf8) }

    /// Rust's quote: a character literal (`'a'`, `'\n'`, `'é'`) is a string; a lifetime or label
    /// (`'a`, `'static`) is left as code.
    func rustQuote(at index: Int, into tokens: inout [Token]) -> Int {
        let next = index + 1
        guard next < line.count else { return next }
        if line[next] == UInt8(ascii: "\\") {
            let (end, closed) = stringBody(from: next, close: [UInt8(ascii: "'")], escapes: true, doubledQuotes: false)
            if closed, end - index <= 12 {
                emit(index, end, .string, into: &tokens)
                return end
            }
            return next
        }
        let lead = line[next]
        let width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let quote = next + width
        if quote < line.count, line[quote] == UInt8(ascii: "'"), lead != UInt8(ascii: "'") {
            emit(index, quote + 1, .string, into: &tokens)
            return quote + 1
        }
        return next
    }
}
