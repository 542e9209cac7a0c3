extension LineScanner {
    /// A string literal starting at `index` (prefix included), or nil when none starts there.
    func stringLiteral(at index: Int, state: inout Highlighter.State, into tokens: inout [Token]) -> Int? {
        if tables.cppRawStrings, let end = cppRawString(at: index, state: &state, into: &tokens) { return end }
        for opener in tables.openers[Int(line[index])] where starts(with: opener.bytes, at: index) {
            let form = tables.strings[opener.rule]
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
            // Extended delimiters turn escapes off (Swift `#"\n"#` is a backslash and an n).
            let escapes = form.escapes && hashes == 0
            let (end, closed): (Int, Bool)
            var close: [UInt8] = []
            if hashes == 0 {
                (end, closed) = stringBody(
                    from: cursor, close: form.close, escapes: escapes, doubledQuotes: form.doubledQuoteEscapes)
            } else {
                close = Array(form.close) + [UInt8](repeating: UInt8(ascii: "#"), count: hashes)
                (end, closed) = close.withUnsafeBufferPointer {
                    stringBody(from: cursor, close: $0, escapes: escapes, doubledQuotes: form.doubledQuoteEscapes)
                }
            }
            emit(index, end, .string, into: &tokens)
            if !closed, form.multiline {
                if hashes == 0 { close = Array(form.close) }
                state = .string(close: close, escapes: escapes, doubledQuotes: form.doubledQuoteEscapes)
            }
            return end
        }
        return nil
    }

    /// The rest of a string from `index`: its end (after the closing delimiter, or the line's end)
    /// and whether it closed on this line.
    func stringBody(from index: Int, close: UnsafeBufferPointer<UInt8>, escapes: Bool, doubledQuotes: Bool) -> (
        end: Int, closed: Bool
    ) {
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
        let raw = ScanTables.bytes("R\"")
        if starts(with: ScanTables.bytes("u8R\""), at: cursor) {
            cursor += 2
        } else if "uUL".utf8.contains(line[cursor]), starts(with: raw, at: cursor + 1) {
            cursor += 1
        }
        guard starts(with: raw, at: cursor) else { return nil }
        cursor += 2
        let delimiterStart = cursor
        while cursor < line.count, cursor - delimiterStart <= 16, line[cursor] != UInt8(ascii: "(") {
            let byte = line[cursor]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\") { return nil }
            cursor += 1
        }
        guard cursor < line.count, line[cursor] == UInt8(ascii: "(") else { return nil }
        let close = [UInt8(ascii: ")")] + Array(line[delimiterStart..<cursor]) + [UInt8(ascii: "\"")]
        let (end, closed) = close.withUnsafeBufferPointer {
            stringBody(from: cursor + 1, close: $0, escapes: false, doubledQuotes: false)
        }
        emit(index, end, .string, into: &tokens)
        if !closed { state = .string(close: close, escapes: false, doubledQuotes: false) }
        return end
    }

    /// Rust's quote: a character literal (`'a'`, `'\n'`, `'é'`) is a string; a lifetime or label
    /// (`'a`, `'static`) is left as code.
    func rustQuote(at index: Int, into tokens: inout [Token]) -> Int {
        let next = index + 1
        guard next < line.count else { return next }
        if line[next] == UInt8(ascii: "\\") {
            let (end, closed) = stringBody(
                from: next, close: ScanTables.bytes("'"), escapes: true, doubledQuotes: false)
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
