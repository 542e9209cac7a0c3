import Templating
import Testing

/// One row of a rendering table: a template (named "main"), its partials, a context and the expected output.
struct RenderCase: Sendable, CustomTestStringConvertible {
    let name: String
    let template: String
    var partials: [String: String] = [:]
    var data: TemplateValue = [:]
    let expected: String

    var testDescription: String { name }

    /// Builds a library of `template` plus `partials` and renders "main" to a string.
    func render() throws -> String {
        var templates = partials
        templates["main"] = template
        let library = try TemplateLibrary(templates: templates)
        return String(decoding: try library.render("main", data), as: UTF8.self)
    }
}

// Literals keep the case tables readable: "x" is .text, true is .bool, [..] is .list, [k: v] is .object.
extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements))
    }
}
