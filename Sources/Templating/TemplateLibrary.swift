/// A set of named Mustache templates, compiled once into one flat program, that render straight into UTF-8 bytes.
///
/// Implements the Mustache spec's core modules: interpolation, sections, inverted sections, partials,
/// comments and set delimiters. Lambdas, dynamic names and inheritance are not supported. Unlike the spec,
/// a partial that is not in the library is an error when the library is built, and empty text is falsey.
public struct TemplateLibrary: Sendable {
    /// Every template compiled, sorted by name; partials refer to templates by their index in that order.
    let program: TemplateProgram
    private let indices: [String: Int]

    /// Parses every template and checks that every partial they reference exists.
    /// - Parameter templates: Name → template source, for example `"index"` or `"partials/head"`.
    /// - Throws: `TemplateError.syntax` for invalid Mustache, `.missingPartial` for a `{{> name}}` whose
    ///   template is not in `templates`.
    public init(templates: [String: String]) throws(TemplateError) {
        let sorted = templates.sorted { $0.key < $1.key }
        var indices: [String: Int] = [:]
        for (index, entry) in sorted.enumerated() { indices[entry.key] = index }
        var program = TemplateProgram()
        for (name, source) in sorted {
            try TemplateParser.parse(source, named: name, partialIndices: indices, appendingTo: &program)
        }
        self.program = program
        self.indices = indices
    }

    /// The template names, sorted.
    public var names: [String] { program.templates.map(\.name) }

    /// Renders the template `name` with `value` as the context, appending UTF-8 bytes to `out`.
    /// - Parameters:
    ///   - name: A template name, as given to `init(templates:)`.
    ///   - value: The root of the context stack.
    ///   - out: The buffer to append to; nothing is reserved, so callers can reuse one buffer.
    /// - Throws: `TemplateError.missingTemplate` when there is no such template, `.recursionLimit` when
    ///   partials nest without end.
    public func render(_ name: String, _ value: TemplateValue, into out: inout [UInt8]) throws(TemplateError) {
        guard let index = indices[name] else { throw TemplateError.missingTemplate(name: name) }
        try TemplateRenderer.render(index, of: program, with: value, into: &out)
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
