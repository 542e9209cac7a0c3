/// The lexer's work on one line: each method starts at a byte offset, appends the token it finds
/// and returns where the next token may start.
struct LineScanner {
    let line: UnsafeBufferPointer<UInt8>
    let tables: ScanTables

    /// Continues what the previous line left open; returns where code starts again.
    func resume(_ state: inout Highlighter.State, into tokens: inout [Token]) -> Int {
        switch state {
        case .code:
            return 0
        case .blockComment(let depth):
            return blockComment(from: 0, depth: depth, state: &state, into: &tokens)
        case .string(let close, let escapes, let doubled):
            let (end, closed) = close.withUnsafeBufferPointer {
                stringBody(from: 0, close: $0, escapes: escapes, doubledQuotes: doubled)
            }
            emit(0, end, .string, into: &tokens)
            if closed { state = .code }
            return end
        }
    }

    /// One token (or one byte of punctuation) at `index`.
    func token(at index: Int, state: inout Highlighter.State, into tokens: inout [Token]) -> Int {
        let byte = line[index]
        if tables.specialStarts[Int(byte)], let end = special(at: index, state: &state, into: &tokens) { return end }
        let identifier = isIdentifierStart(byte) ? identifierEnd(from: index) : index
        // A string starts here only at a quote, or at a short identifier (its prefix: `rb`, `@`, `u8R`)
        // followed by a quote: other identifiers skip the openers.
        let mayOpen =
            identifier == index
            || (identifier - index <= tables.longestPrefix && identifier < line.count
                && tables.afterPrefix[Int(line[identifier])])
        if mayOpen, !tables.openers[Int(byte)].isEmpty || (tables.cppRawStrings && "uULR".utf8.contains(byte)),
            let end = stringLiteral(at: index, state: &state, into: &tokens)
        {
            return end
        }
        if tables.rustCharacters, byte == UInt8(ascii: "'") { return rustQuote(at: index, into: &tokens) }
        // `.5` is a number, but not the `.10` of a range `0..10`.
        let fraction =
            byte == UInt8(ascii: ".") && index + 1 < line.count && isDigit(line[index + 1])
            && (index == 0 || line[index - 1] != UInt8(ascii: "."))
        if isDigit(byte) || fraction {
            let end = numberEnd(from: index)
            emit(index, end, .number, into: &tokens)
            return end
        }
        if identifier > index {
            let isKeyword = tables.keywords.contains(UnsafeBufferPointer(rebasing: line[index..<identifier]))
            if isKeyword { emit(index, identifier, .keyword, into: &tokens) }
            return identifier
        }
        return index + 1
    }

    /// An attribute, a comment or an annotation starting at `index`, or nil.
    private func special(at index: Int, state: inout Highlighter.State, into tokens: inout [Token]) -> Int? {
        let byte = line[index]
        if tables.hashAttributes, byte == UInt8(ascii: "#"), let end = hashAttribute(at: index) {
            emit(index, end, .meta, into: &tokens)
            return end
        }
        for marker in tables.lineComments where starts(with: marker, at: index) {
            emit(index, line.count, .comment, into: &tokens)
            return line.count
        }
        if !tables.blockOpen.isEmpty, starts(with: tables.blockOpen, at: index) {
            return blockComment(from: index, depth: 0, state: &state, into: &tokens)
        }
        if tables.atAnnotations, byte == UInt8(ascii: "@"), index + 1 < line.count, isIdentifierStart(line[index + 1]) {
            var end = identifierEnd(from: index + 1)
            while end + 1 < line.count, line[end] == UInt8(ascii: "."), isIdentifierStart(line[end + 1]) {
                end = identifierEnd(from: end + 1)
            }
            emit(index, end, .meta, into: &tokens)
            return end
        }
        return nil
    }

    /// A preprocessor line (`#include <x.h>`, `#define N 3`) as meta, up to a comment on it.
    func preprocessorLine(from index: Int, state: inout Highlighter.State, into tokens: inout [Token]) -> Int {
        var end = index
        while end < line.count,
            !(line[end] == UInt8(ascii: "/") && end + 1 < line.count
                && (line[end + 1] == UInt8(ascii: "/") || line[end + 1] == UInt8(ascii: "*")))
        {
            end += 1
        }
        emit(index, end, .meta, into: &tokens)
        return end
    }

    // MARK: - Comments

    private func blockComment(from index: Int, depth: Int, state: inout Highlighter.State, into tokens: inout [Token])
        -> Int
    {
        let (open, close) = (tables.blockOpen, tables.blockClose)
        guard !open.isEmpty else { return index }
        var depth = depth
        var cursor = index
        if depth == 0 {
            depth = 1
            cursor += open.count
        }
        while cursor < line.count {
            if tables.blockNests, starts(with: open, at: cursor) {
                depth += 1
                cursor += open.count
            } else if starts(with: close, at: cursor) {
                depth -= 1
                cursor += close.count
                if depth == 0 {
                    emit(index, cursor, .comment, into: &tokens)
                    state = .code
                    return cursor
                }
            } else {
                cursor += 1
            }
        }
        emit(index, line.count, .comment, into: &tokens)
        state = .blockComment(depth: depth)
        return line.count
    }

    /// `#[derive(Debug)]`, `#![allow(x)]`: the end of the attribute (its `]`, or the line's end).
    private func hashAttribute(at index: Int) -> Int? {
        var cursor = index + 1
        if cursor < line.count, line[cursor] == UInt8(ascii: "!") { cursor += 1 }
        guard cursor < line.count, line[cursor] == UInt8(ascii: "[") else { return nil }
        var depth = 0
        while cursor < line.count {
            if line[cursor] == UInt8(ascii: "[") { depth += 1 }
            if line[cursor] == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return cursor + 1 }
            }
            cursor += 1
        }
        return line.count
    }

    // MARK: - Bytes

    func emit(_ start: Int, _ end: Int, _ kind: TokenKind, into tokens: inout [Token]) {
        guard end > start else { return }
        if let last = tokens.last, last.kind == kind, Int(last.end) == start {
            tokens[tokens.count - 1].end = Int32(truncatingIfNeeded: end)
        } else {
            tokens.append(Token(start: start, end: end, kind: kind))
        }
    }

    @inline(__always)
    func starts(with marker: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + marker.count <= line.count else { return false }
        for offset in 0..<marker.count where line[index + offset] != marker[offset] { return false }
        return true
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func isIdentifierStart(_ byte: UInt8) -> Bool { tables.identifierStarts[Int(byte)] }

    func identifierEnd(from index: Int) -> Int {
        var end = index
        while end < line.count, tables.identifierBytes[Int(line[end])] { end += 1 }
        return end
    }

    /// A number's end: `0x1F`, `1_000`, `3.14e-2f`, `10u32`, `1n`, `2j` (no `..` range taken in).
    func numberEnd(from index: Int) -> Int {
        var end = index
        let isRadix = line[end] == UInt8(ascii: "0") && end + 1 < line.count && "xXbBoO".utf8.contains(line[end + 1])
        if isRadix { end += 2 }
        var previous: UInt8 = 0
        while end < line.count {
            let byte = line[end]
            if isIdentifierStart(byte) && byte != UInt8(ascii: "$") || isDigit(byte) {
                previous = byte
                end += 1
            } else if byte == UInt8(ascii: "."), end + 1 < line.count, isDigit(line[end + 1]), !isRadix {
                previous = byte
                end += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), !isRadix,
                previous | 0x20 == UInt8(ascii: "e"),
                end + 1 < line.count, isDigit(line[end + 1])
            {
                previous = byte
                end += 1
            } else {
                break
            }
        }
        return end
    }
}
