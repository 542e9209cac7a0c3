/// Turns one template's source into nodes: finds tags, removes standalone lines and checks section nesting.
///
/// Follows the Mustache spec's core modules (interpolation, sections, inverted, partials, comments,
/// delimiters); lambdas, dynamic names and inheritance are not supported.
struct TemplateParser {
    /// An open section, or the template itself at the bottom of the stack.
    struct Frame {
        var nodes: [TemplateNode] = []
        var name: TemplateName?
        var inverted = false
        /// Offset of the opening tag, for the unclosed-section error.
        var tagStart = 0
    }

    let templateName: String
    let source: [UInt8]
    let partialIndices: [String: Int]
    var openDelimiter: [UInt8] = Array("{{".utf8)
    var closeDelimiter: [UInt8] = Array("}}".utf8)
    var frames: [Frame] = [Frame()]
    /// Whether the next node begins a line of the template, where a partial's indentation belongs.
    var atLineStart = true

    /// Parses `source`, resolving partial names through `partialIndices`.
    /// - Throws: `TemplateError.syntax` or `.missingPartial`, naming `templateName`.
    static func parse(
        _ source: String, named templateName: String, partialIndices: [String: Int]
    ) throws(TemplateError) -> [TemplateNode] {
        var parser = TemplateParser(
            templateName: templateName, source: Array(source.utf8), partialIndices: partialIndices)
        return try parser.run()
    }

    private mutating func run() throws(TemplateError) -> [TemplateNode] {
        var textStart = 0
        var textStartsLine = true
        while let tagStart = find(openDelimiter, from: textStart) {
            let tag = try readTag(at: tagStart)
            if tag.kind.canStandAlone,
                let line = standaloneLine(around: tag, textStart: textStart, textStartsLine: textStartsLine)
            {
                appendText(textStart..<line.start)
                try apply(tag, indentation: Array(source[line.start..<tag.start]))
                atLineStart = true
                textStart = line.next
                textStartsLine = true
            } else {
                appendText(textStart..<tag.start)
                try apply(tag, indentation: nil)
                textStart = tag.end
                textStartsLine = false
            }
        }
        appendText(textStart..<source.count)
        if let open = frames.last, let name = open.name {
            throw syntaxError(at: open.tagStart, "unclosed section '\(name.text)'")
        }
        return frames[0].nodes
    }

    // MARK: - Standalone lines

    /// The line to remove when `tag` stands alone on it: only blanks before it since the line start (which
    /// must not precede `textStart`, the end of the previous tag) and only blanks until `\n`, `\r\n` or the end.
    private func standaloneLine(
        around tag: Tag, textStart: Int, textStartsLine: Bool
    ) -> (start: Int, next: Int)? {
        var start = tag.start
        while start > textStart, isBlank(source[start - 1]) { start -= 1 }
        if start == textStart {
            guard textStartsLine else { return nil }
        } else if source[start - 1] != newline {
            return nil
        }
        var next = tag.end
        while next < source.count, isBlank(source[next]) { next += 1 }
        if next == source.count { return (start, next) }
        if source[next] == newline { return (start, next + 1) }
        if source[next] == carriageReturn, next + 1 < source.count, source[next + 1] == newline {
            return (start, next + 2)
        }
        return nil
    }

    // MARK: - Nodes

    /// Adds literal text, noting where its non-empty lines start; merges with a text node just before it.
    private mutating func appendText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var bytes: [UInt8] = []
        var lineStarts: [Int] = []
        if case .text(let previous, let previousStarts)? = frames[frames.count - 1].nodes.last {
            frames[frames.count - 1].nodes.removeLast()
            bytes = previous
            lineStarts = previousStarts
        }
        let base = bytes.count - range.lowerBound
        var lineBegins = atLineStart
        for offset in range {
            if lineBegins, !lineIsEmpty(at: offset) { lineStarts.append(base + offset) }
            lineBegins = source[offset] == newline
        }
        atLineStart = lineBegins
        bytes.append(contentsOf: source[range])
        frames[frames.count - 1].nodes.append(.text(bytes, lineStarts: lineStarts))
    }

    /// Acts on one tag; `indentation` is the removed whitespace when the tag stood alone on its line.
    private mutating func apply(_ tag: Tag, indentation: [UInt8]?) throws(TemplateError) {
        switch tag.kind {
        case .comment:
            return
        case .delimiters:
            try setDelimiters(from: tag)
        case .variable(let escaped):
            let name = try name(of: tag)
            markLineStart()
            append(.variable(name, escaped: escaped))
        case .section, .inverted:
            let name = try name(of: tag)
            if indentation == nil { markLineStart() }
            frames.append(Frame(name: name, inverted: tag.kind == .inverted, tagStart: tag.start))
        case .close:
            let name = try name(of: tag)
            guard frames.count > 1, let open = frames[frames.count - 1].name else {
                throw syntaxError(at: tag.start, "closing tag '\(name.text)' has no open section")
            }
            guard open == name else {
                throw syntaxError(
                    at: tag.start, "closing tag '\(name.text)' does not match open section '\(open.text)'")
            }
            if indentation == nil { markLineStart() }
            let frame = frames.removeLast()
            append(.section(open, frame.nodes, inverted: frame.inverted))
        case .partial:
            let index = try partialIndex(of: tag)
            if indentation == nil { markLineStart() }
            append(.partial(index, indentation: indentation))
        }
    }

    /// Puts an indent marker in the innermost frame when an inline tag begins a line.
    private mutating func markLineStart() {
        guard atLineStart else { return }
        append(.indent)
        atLineStart = false
    }

    private mutating func append(_ node: TemplateNode) {
        frames[frames.count - 1].nodes.append(node)
    }

    // MARK: - Bytes

    let newline = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")

    func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private func lineIsEmpty(at offset: Int) -> Bool {
        source[offset] == newline
            || (source[offset] == carriageReturn && offset + 1 < source.count && source[offset + 1] == newline)
    }
}
