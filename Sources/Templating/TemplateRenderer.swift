/// Walks parsed nodes with a context stack, appending bytes; one renderer serves one `render` call.
struct TemplateRenderer {
    /// How deep partials may nest before rendering stops with `TemplateError.recursionLimit`.
    static let maximumPartialDepth = 200

    let templates: [(name: String, nodes: [TemplateNode])]
    /// Context values, innermost last.
    private var stack: [TemplateValue]
    /// What a standalone partial tag's indentation adds at each line start of the partial.
    private var indentation: [UInt8] = []
    private var partialDepth = 0

    init(templates: [(name: String, nodes: [TemplateNode])], root: TemplateValue) {
        self.templates = templates
        self.stack = [root]
    }

    mutating func render(
        _ nodes: [TemplateNode], templateIndex: Int, into out: inout [UInt8]
    ) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes, let lineStarts):
                appendText(bytes, lineStarts: lineStarts, into: &out)
            case .indent:
                out.append(contentsOf: indentation)
            case .variable(let name, let escaped):
                interpolate(resolve(name), escaped: escaped, into: &out)
            case .section(let name, let children, let inverted):
                let value = resolve(name)
                if inverted {
                    if !(value?.isTruthy ?? false) { try render(children, templateIndex: templateIndex, into: &out) }
                } else if let value, value.isTruthy {
                    try renderSection(children, over: value, templateIndex: templateIndex, into: &out)
                }
            case .partial(let index, let partialIndentation):
                try renderPartial(index, indentation: partialIndentation, from: templateIndex, into: &out)
            }
        }
    }

    // MARK: - Sections and partials

    /// Renders a truthy section: once per item of a list, else once with the value pushed.
    private mutating func renderSection(
        _ children: [TemplateNode], over value: TemplateValue, templateIndex: Int, into out: inout [UInt8]
    ) throws(TemplateError) {
        if case .list(let items) = value {
            for item in items {
                stack.append(item)
                try render(children, templateIndex: templateIndex, into: &out)
                stack.removeLast()
            }
        } else {
            stack.append(value)
            try render(children, templateIndex: templateIndex, into: &out)
            stack.removeLast()
        }
    }

    /// Renders a partial with the current stack. A standalone tag adds its indentation to every line the
    /// partial's own text starts; an inline tag's partial is not indented (as the spec's reference does).
    private mutating func renderPartial(
        _ index: Int, indentation added: [UInt8]?, from templateIndex: Int, into out: inout [UInt8]
    ) throws(TemplateError) {
        guard partialDepth < Self.maximumPartialDepth else {
            throw TemplateError.recursionLimit(template: templates[templateIndex].name, depth: partialDepth)
        }
        let saved = indentation
        if let added { indentation.append(contentsOf: added) } else { indentation = [] }
        partialDepth += 1
        defer {
            partialDepth -= 1
            indentation = saved
        }
        try render(templates[index].nodes, templateIndex: index, into: &out)
    }

    // MARK: - Values

    /// Looks the first part up through the stack, innermost first, and the rest inside the value found;
    /// a broken chain is nil and does not fall back to outer contexts (spec).
    private func resolve(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        for context in stack.reversed() {
            if case .object(let fields) = context, let value = fields[first] {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard case .object(let fields) = value, let next = fields[part] else { return nil }
            value = next
        }
        return value
    }

    private func interpolate(_ value: TemplateValue?, escaped: Bool, into out: inout [UInt8]) {
        switch value {
        case .text(let text)?:
            if escaped { HTMLEscaping.escape(text, into: &out) } else { out.appendUTF8(text) }
        case .bool(let flag)?:
            out.appendUTF8(flag ? "true" : "false")
        case .list?, .object?, nil:
            break
        }
    }

    private func appendText(_ bytes: [UInt8], lineStarts: [Int], into out: inout [UInt8]) {
        guard !indentation.isEmpty, !lineStarts.isEmpty else {
            out.append(contentsOf: bytes)
            return
        }
        var copied = 0
        for start in lineStarts {
            out.append(contentsOf: bytes[copied..<start])
            out.append(contentsOf: indentation)
            copied = start
        }
        out.append(contentsOf: bytes[copied...])
    }
}
