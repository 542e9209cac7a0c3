/// Colours source code line by line for one file: a small table-driven lexer (`LanguageRules`) that
/// carries block comments and multi-line strings from one line to the next.
///
/// It tells comments, strings, numbers, keywords and meta lines (preprocessor, decorators,
/// attributes) apart; it does not parse. Where a language is ambiguous without a parser (a
/// JavaScript regular expression, a Python string continued with `\`), the line is coloured as
/// plain code, never wrongly as a comment to its end.
public struct Highlighter: Sendable {
    /// What the previous line left open.
    enum State: Sendable, Equatable {
        case code
        case blockComment(depth: Int)
        /// Inside a multi-line string literal, waiting for `close`.
        case string(close: [UInt8], escapes: Bool, doubledQuotes: Bool)
    }

    /// Owns the memory `tables` points into.
    private let compiled: CompiledRules
    private let tables: ScanTables
    private(set) var state = State.code

    public init(language: Language) {
        compiled = language.compiledRules
        tables = compiled.tables
    }

    /// The coloured runs of the next line of the file (`tokens` is emptied first), in order and
    /// not overlapping. Lines must come in order: the state carries over.
    public mutating func tokens(in line: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        // Only when there is something to remove: the call costs about 100 instructions, a line's lexing 600.
        if !tokens.isEmpty { tokens.removeAll(keepingCapacity: true) }
        let scanner = LineScanner(line: line, tables: tables)
        var index = scanner.resume(&state, into: &tokens)
        var firstNonBlank = true
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0C {
                index += 1
                continue
            }
            let atStart = firstNonBlank
            firstNonBlank = false
            if tables.plain[Int(byte)] {
                index += 1
                continue
            }
            if atStart, tables.preprocessorLines, byte == UInt8(ascii: "#") {
                index = scanner.preprocessorLine(from: index, state: &state, into: &tokens)
                continue
            }
            // Most tokens are identifiers too long to be a string's prefix: a keyword or nothing,
            // found here as `LineScanner.token` would find them, without its other checks.
            if tables.identifierStarts[Int(byte)], !tables.specialStarts[Int(byte)] {
                let end = scanner.identifierEnd(from: index)
                if end - index > tables.longestPrefix {
                    if tables.keywords.contains(UnsafeBufferPointer(rebasing: line[index..<end])) {
                        scanner.emit(index, end, .keyword, into: &tokens)
                    }
                    index = end
                    continue
                }
            }
            index = scanner.token(at: index, state: &state, into: &tokens)
        }
    }

    /// Every line's tokens at once (tests, and callers without a row loop of their own).
    public mutating func tokens(in lines: [String]) -> [[Token]] {
        var result: [[Token]] = []
        var tokens: [Token] = []
        for line in lines {
            var line = line
            line.withUTF8 { self.tokens(in: $0, into: &tokens) }
            result.append(tokens)
        }
        return result
    }
}
