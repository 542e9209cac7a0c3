/// A set of named Mustache templates, parsed once, that render straight into UTF-8 bytes.
///
/// Implements the Mustache spec's core modules: interpolation, sections, inverted sections, partials,
/// comments and set delimiters. Lambdas, dynamic names and inheritance are not supported. Unlike the spec,
/// a partial that is not in the library is an error when the library is built, and empty text is falsey.
public struct TemplateLibrary: Sendable {
    /// Templates sorted by name; partial nodes refer to templates by index in this array.
    let templates: [(name: String, nodes: [TemplateNode])]
    private let indices: [String: Int]

    /// Parses every template and checks that every partial they reference exists.
    /// - Parameter templates: Name → template source, for example `"index"` or `"partials/head"`.
    /// - Throws: `TemplateError.syntax` for invalid Mustache, `.missingPartial` for a `{{> name}}` whose
    ///   template is not in `templates`.
    public init(templates: [String: String]) throws(TemplateError) {
        let sorted = templates.sorted { $0.key < $1.key }
        var indices: [String: Int] = [:]
        for (index, entry) in sorted.enumerated() { indices[entry.key] = index }
        var parsed: [(name: String, nodes: [TemplateNode])] = []
        for (name, source) in sorted {
            parsed.append((name, try TemplateParser.parse(source, named: name, partialIndices: indices)))
        }
        self.templates = parsed
        self.indices = indices
    }

    /// The template names, sorted.
    public var names: [String] { templates.map(\.name) }

    /// Renders the template `name` with `value` as the context, appending UTF-8 bytes to `out`.
    /// - Parameters:
    ///   - name: A template name, as given to `init(templates:)`.
    ///   - value: The root of the context stack.
    ///   - out: The buffer to append to; nothing is reserved, so callers can reuse one buffer.
    /// - Throws: `TemplateError.missingTemplate` when there is no such template, `.recursionLimit` when
    ///   partials nest without end.
    public func render(_ name: String, _ value: TemplateValue, into out: inout [UInt8]) throws(TemplateError) {
        guard let index = indices[name] else { throw TemplateError.missingTemplate(name: name) }
        var renderer = TemplateRenderer(templates: templates, root: value)
        try renderer.render(templates[index].nodes, templateIndex: index, into: &out)
    }

    /// Renders the template `name` with `value` as the context.
    /// - Parameters:
    ///   - name: A template name, as given to `init(templates:)`.
    ///   - value: The root of the context stack.
    /// - Returns: The rendered UTF-8 bytes.
    /// - Throws: As `render(_:_:into:)`.
    public func render(_ name: String, _ value: TemplateValue) throws(TemplateError) -> [UInt8] {
        var out: [UInt8] = []
        try render(name, value, into: &out)
        return out
    }
}
