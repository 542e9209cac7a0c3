/// Turns one template's source into instructions of a `TemplateProgram`: finds tags, removes standalone lines
/// and checks section nesting.
///
/// Follows the Mustache spec's core modules (interpolation, sections, inverted, partials, comments,
/// delimiters); lambdas, dynamic names and inheritance are not supported.
struct TemplateParser {
    /// A section whose closing tag has not come yet.
    struct OpenSection {
        let name: TemplateName
        /// Index of its `.section` instruction, whose end is set at the closing tag.
        let instruction: Int
        /// Offset of the opening tag, for the unclosed-section error.
        let tagStart: Int
    }

    let templateName: String
    let source: [UInt8]
    let partialIndices: [String: Int]
    var program: TemplateProgram
    var openDelimiter: [UInt8] = Array("{{".utf8)
    var closeDelimiter: [UInt8] = Array("}}".utf8)
    var openSections: [OpenSection] = []
    /// The text instruction that text coming next extends: the last instruction, when nothing that is not
    /// text has been added since (comments and set-delimiter tags add nothing).
    var extendableText: Int?
    /// Whether the next instruction begins a line of the template, where a partial's indentation belongs.
    var atLineStart = true

    /// Parses `source`, resolving partial names through `partialIndices`, and appends its instructions and
    /// an entry for the template to `program`.
    /// - Throws: `TemplateError.syntax` or `.missingPartial`, naming `templateName`.
    static func parse(
        _ source: String, named templateName: String, partialIndices: [String: Int],
        appendingTo program: inout TemplateProgram
    ) throws(TemplateError) {
        var parser = TemplateParser(
            templateName: templateName, source: Array(source.utf8), partialIndices: partialIndices,
            program: program)
        // Hand the program's storage over, so that appending does not copy it.
        program = TemplateProgram()
        let start = parser.program.instructions.count
        try parser.run()
        program = parser.program
        program.templates.append(.init(name: templateName, instructions: start..<program.instructions.count))
    }

    private mutating func run() throws(TemplateError) {
        var textStart = 0
        var textStartsLine = true
        while let tagStart = find(openDelimiter, from: textStart) {
            let tag = try readTag(at: tagStart)
            if tag.kind.canStandAlone,
                let line = standaloneLine(around: tag, textStart: textStart, textStartsLine: textStartsLine)
            {
                appendText(textStart..<line.start)
                try apply(tag, indentation: line.start..<tag.start)
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
        if let open = openSections.last {
            throw syntaxError(at: open.tagStart, "unclosed section '\(open.name.text)'")
        }
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

    // MARK: - Instructions

    /// Adds literal text, noting where its non-empty lines start; extends a text instruction just before it.
    private mutating func appendText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let lineStartsStart = program.lineStarts.count
        let base = program.bytes.count - range.lowerBound
        var lineBegins = atLineStart
        for offset in range {
            if lineBegins, !lineIsEmpty(at: offset) { program.lineStarts.append(base + offset) }
            lineBegins = source[offset] == newline
        }
        atLineStart = lineBegins
        program.bytes.append(contentsOf: source[range])
        // Nothing else has been added to either pool since the instruction's text, so its ranges just grow.
        if let index = extendableText, case .text(let bytes, let lineStarts) = program.instructions[index] {
            program.instructions[index] = .text(
                bytes: bytes.lowerBound..<program.bytes.count,
                lineStarts: lineStarts.lowerBound..<program.lineStarts.count)
        } else {
            extendableText = program.append(
                .text(
                    bytes: (base + range.lowerBound)..<program.bytes.count,
                    lineStarts: lineStartsStart..<program.lineStarts.count))
        }
    }

    /// Acts on one tag; `indentation` is the range of removed whitespace when the tag stood alone on its line.
    private mutating func apply(_ tag: Tag, indentation: Range<Int>?) throws(TemplateError) {
        switch tag.kind {
        case .comment:
            return
        case .delimiters:
            try setDelimiters(from: tag)
        case .variable(let escaped):
            let name = try name(of: tag)
            markLineStart()
            append(.variable(name: program.append(name), escaped: escaped))
        case .section, .inverted:
            let name = try name(of: tag)
            if indentation == nil { markLineStart() }
            let index = append(.section(name: program.append(name), end: 0, inverted: tag.kind == .inverted))
            openSections.append(OpenSection(name: name, instruction: index, tagStart: tag.start))
        case .close:
            let name = try name(of: tag)
            guard let open = openSections.last else {
                throw syntaxError(at: tag.start, "closing tag '\(name.text)' has no open section")
            }
            guard open.name == name else {
                throw syntaxError(
                    at: tag.start, "closing tag '\(name.text)' does not match open section '\(open.name.text)'")
            }
            if indentation == nil { markLineStart() }
            openSections.removeLast()
            program.closeSection(at: open.instruction)
            extendableText = nil
        case .partial:
            let index = try partialIndex(of: tag)
            if indentation == nil { markLineStart() }
            let pooled = indentation.map { program.appendBytes(source[$0]) }
            append(.partial(template: index, indentation: pooled))
        }
    }

    /// Puts an indent marker in the innermost body when an inline tag begins a line.
    private mutating func markLineStart() {
        guard atLineStart else { return }
        append(.indent)
        atLineStart = false
    }

    @discardableResult
    private mutating func append(_ instruction: TemplateProgram.Instruction) -> Int {
        extendableText = nil
        return program.append(instruction)
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
