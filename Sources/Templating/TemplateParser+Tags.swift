/// Reading one tag: its sigil, its content, names, delimiters and the positions errors point at.
extension TemplateParser {
    /// One tag as found in the source.
    struct Tag {
        enum Kind: Equatable {
            case variable(escaped: Bool)
            case section, inverted, close, comment, partial, delimiters

            /// Whether the tag may stand alone on a line that is then removed (interpolations never do).
            var canStandAlone: Bool {
                if case .variable = self { return false }
                return true
            }
        }

        let kind: Kind
        /// The content between the sigil and the closing delimiter, blanks trimmed.
        let content: Range<Int>
        /// Offset of the opening delimiter.
        let start: Int
        /// Offset just past the closing delimiter.
        let end: Int
    }

    /// Reads the tag whose opening delimiter is at `start`.
    func readTag(at start: Int) throws(TemplateError) -> Tag {
        var index = start + openDelimiter.count
        var closer = closeDelimiter
        var hasSigil = true
        let kind: Tag.Kind
        switch index < source.count ? source[index] : 0 {
        case UInt8(ascii: "{"):
            kind = .variable(escaped: false)
            closer = [UInt8(ascii: "}")] + closeDelimiter
        case UInt8(ascii: "&"): kind = .variable(escaped: false)
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "="):
            kind = .delimiters
            closer = [UInt8(ascii: "=")] + closeDelimiter
        case UInt8(ascii: "$"), UInt8(ascii: "<"):
            throw syntaxError(at: start, "template inheritance (blocks and parents) is not supported")
        default:
            kind = .variable(escaped: true)
            hasSigil = false
        }
        if hasSigil { index += 1 }
        guard let closeAt = find(closer, from: index) else {
            if kind == .delimiters { throw delimiterError(at: start) }
            throw syntaxError(at: start, "unclosed tag: no '\(String(decoding: closer, as: UTF8.self))' follows")
        }
        return Tag(kind: kind, content: trimmed(index..<closeAt), start: start, end: closeAt + closer.count)
    }

    /// The name of a variable or section tag: not empty, no blanks, no empty parts between dots.
    func name(of tag: Tag) throws(TemplateError) -> TemplateName {
        let text = String(decoding: source[tag.content], as: UTF8.self)
        guard !text.isEmpty else { throw syntaxError(at: tag.start, "empty tag name") }
        guard !source[tag.content].contains(where: isWhitespace) else {
            throw syntaxError(at: tag.start, "tag name '\(text)' contains whitespace")
        }
        guard let name = TemplateName(text) else {
            throw syntaxError(at: tag.start, "tag name '\(text)' has an empty part between dots")
        }
        return name
    }

    /// The library index of the partial a `{{> name}}` tag names.
    func partialIndex(of tag: Tag) throws(TemplateError) -> Int {
        let name = String(decoding: source[tag.content], as: UTF8.self)
        guard !name.isEmpty else { throw syntaxError(at: tag.start, "empty partial name") }
        guard !name.hasPrefix("*") else {
            throw syntaxError(at: tag.start, "dynamic partial names are not supported")
        }
        guard let index = partialIndices[name] else {
            throw TemplateError.missingPartial(name: name, template: templateName, line: location(of: tag.start).line)
        }
        return index
    }

    /// Switches to the delimiters of a `{{=<% %>=}}` tag: two blank-separated sequences without `=`.
    mutating func setDelimiters(from tag: Tag) throws(TemplateError) {
        let parts = source[tag.content].split(whereSeparator: isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw delimiterError(at: tag.start)
        }
        openDelimiter = Array(parts[0])
        closeDelimiter = Array(parts[1])
    }

    // MARK: - Searching

    /// The offset of the first occurrence of `needle` at or after `start`.
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, source.count >= needle.count else { return nil }
        var index = start
        let last = source.count - needle.count
        while index <= last {
            if source[index] == first, source[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(source[lower]) { lower += 1 }
        while upper > lower, isWhitespace(source[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == newline || byte == carriageReturn
    }

    // MARK: - Errors

    /// The 1-based line and column (in characters) of a byte offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where source[index] == newline {
            line += 1
            lineStart = index + 1
        }
        // Count UTF-8 lead bytes only, so a column is a character position, not a byte position.
        let column = source[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return (line, column)
    }

    func syntaxError(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = location(of: offset)
        return .syntax(template: templateName, line: line, column: column, message: message)
    }

    private func delimiterError(at offset: Int) -> TemplateError {
        syntaxError(at: offset, "malformed set-delimiter tag: expected two delimiters without '=', as in {{=<% %>=}}")
    }
}
