/// Walks a `TemplateProgram` with a context stack, appending bytes; one renderer serves one `render` call.
struct TemplateRenderer {
    /// How deep partials may nest before rendering stops with `TemplateError.recursionLimit`.
    static let maximumPartialDepth = 200

    let templates: [TemplateProgram.Template]
    /// The program's pools, borrowed for the whole render.
    let code: TemplateProgram.Buffers
    /// For each name part, the field index where it was last found: objects made by the same literal, such as
    /// the rows of a list, have each name at the same index.
    let fieldHints: UnsafeMutableBufferPointer<Int>
    /// Where rendered bytes gather before they are appended to the caller's buffer.
    private var output: OutputStaging
    /// Context values, innermost last.
    private var stack: [TemplateValue]
    /// What a standalone partial tag's indentation adds at each line start of the partial.
    private var indentation: [UInt8] = []
    private var partialDepth = 0

    /// Renders template `index` of `program` with `root` as the context, appending to `out`.
    static func render(
        _ index: Int, of program: TemplateProgram, with root: TemplateValue, into out: inout [UInt8]
    ) throws(TemplateError) {
        try program.withBuffers { code throws(TemplateError) in
            try withUnsafeTemporaryAllocation(of: Int.self, capacity: code.nameParts.count) {
                fieldHints throws(TemplateError) in
                fieldHints.initialize(repeating: 0)
                try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: OutputStaging.capacity) {
                    area throws(TemplateError) in
                    guard let area = area.baseAddress else { return }
                    var renderer = TemplateRenderer(
                        templates: program.templates, code: code, fieldHints: fieldHints,
                        output: OutputStaging(area: area), root: root)
                    defer { renderer.output.flush(into: &out) }
                    try renderer.run(program.templates[index].instructions, template: index, into: &out)
                }
            }
        }
    }

    private init(
        templates: [TemplateProgram.Template], code: TemplateProgram.Buffers,
        fieldHints: UnsafeMutableBufferPointer<Int>, output: OutputStaging, root: TemplateValue
    ) {
        self.templates = templates
        self.code = code
        self.fieldHints = fieldHints
        self.output = output
        stack = []
        // Room for the nesting of any ordinary page, so that pushing never reallocates.
        stack.reserveCapacity(16)
        stack.append(root)
    }

    /// Runs the instructions in `range`, which belong to template `template`.
    private mutating func run(_ range: Range<Int>, template: Int, into out: inout [UInt8]) throws(TemplateError) {
        var index = range.lowerBound
        while index < range.upperBound {
            switch code.instructions[index] {
            case .text(let text, let lineStarts):
                appendText(text, lineStarts: lineStarts, into: &out)
            case .indent:
                indentation.withUnsafeBufferPointer { output.append($0, into: &out) }
            case .variable(let name, let escaped):
                interpolate(name, escaped: escaped, into: &out)
            case .section(let name, let end, let inverted):
                let body = (index + 1)..<end
                if inverted {
                    if !(resolve(name)?.isTruthy ?? false) { try run(body, template: template, into: &out) }
                } else if let value = resolve(name), value.isTruthy {
                    try renderSection(body, over: value, template: template, into: &out)
                }
                index = end
                continue
            case .partial(let partial, let partialIndentation):
                try renderPartial(partial, indentation: partialIndentation, from: template, into: &out)
            }
            index += 1
        }
    }

    // MARK: - Sections and partials

    /// Renders a truthy section: once per item of a list, else once with the value pushed.
    private mutating func renderSection(
        _ body: Range<Int>, over value: TemplateValue, template: Int, into out: inout [UInt8]
    ) throws(TemplateError) {
        if case .list(let items) = value {
            for item in items {
                stack.append(item)
                try run(body, template: template, into: &out)
                stack.removeLast()
            }
        } else {
            stack.append(value)
            try run(body, template: template, into: &out)
            stack.removeLast()
        }
    }

    /// Renders a partial with the current stack. A standalone tag adds its indentation to every line the
    /// partial's own text starts; an inline tag's partial is not indented (as the spec's reference does).
    private mutating func renderPartial(
        _ partial: Int, indentation added: Range<Int>?, from template: Int, into out: inout [UInt8]
    ) throws(TemplateError) {
        guard partialDepth < Self.maximumPartialDepth else {
            throw TemplateError.recursionLimit(template: templates[template].name, depth: partialDepth)
        }
        let saved = indentation
        if let added {
            indentation.append(contentsOf: code.bytes[added])
        } else {
            indentation = []
        }
        partialDepth += 1
        defer {
            partialDepth -= 1
            indentation = saved
        }
        try run(templates[partial].instructions, template: partial, into: &out)
    }

    // MARK: - Values

    /// Looks the first part up through the stack, innermost first, and the rest inside the value found;
    /// a broken chain is nil and does not fall back to outer contexts (spec).
    private func resolve(_ name: Range<Int>) -> TemplateValue? {
        guard let first = name.first else { return stack.last }
        var depth = stack.count
        while depth > 0 {
            depth -= 1
            guard case .object(let object) = stack[depth],
                let field = object.index(of: code.nameParts[first], hint: fieldHints[first])
            else { continue }
            fieldHints[first] = field
            var value = object.fields[field].1
            for part in (first + 1)..<name.upperBound {
                guard case .object(let inner) = value,
                    let next = inner.index(of: code.nameParts[part], hint: fieldHints[part])
                else { return nil }
                fieldHints[part] = next
                value = inner.fields[next].1
            }
            return value
        }
        return nil
    }

    private mutating func interpolate(_ name: Range<Int>, escaped: Bool, into out: inout [UInt8]) {
        switch resolve(name) {
        case .text(let text)?:
            output.append(text, escaped: escaped, into: &out)
        case .utf8(let utf8)?:
            utf8.withUnsafeBufferPointer {
                if escaped { output.appendEscaped($0, into: &out) } else { output.append($0, into: &out) }
            }
        case .bool(let flag)?:
            output.append(flag ? "true" : "false", escaped: false, into: &out)
        case .list?, .object?, nil:
            break
        }
    }

    /// Appends literal text, with the partial indentation at each line start when there is one.
    private mutating func appendText(_ text: Range<Int>, lineStarts: Range<Int>, into out: inout [UInt8]) {
        guard !indentation.isEmpty, !lineStarts.isEmpty else {
            output.append(UnsafeBufferPointer(rebasing: code.bytes[text]), into: &out)
            return
        }
        var copied = text.lowerBound
        for start in code.lineStarts[lineStarts] {
            output.append(UnsafeBufferPointer(rebasing: code.bytes[copied..<start]), into: &out)
            indentation.withUnsafeBufferPointer { output.append($0, into: &out) }
            copied = start
        }
        output.append(UnsafeBufferPointer(rebasing: code.bytes[copied..<text.upperBound]), into: &out)
    }
}
