/// Why a template library could not be built or a template could not be rendered.
public enum TemplateError: Error, Equatable, CustomStringConvertible {
    /// The template's text is not valid Mustache, at the 1-based line and column of the offending tag.
    ///
    /// Covers unclosed tags, unclosed or mismatched sections, empty or malformed names, malformed
    /// set-delimiter tags and the Mustache extensions we do not support (inheritance, dynamic names).
    case syntax(template: String, line: Int, column: Int, message: String)
    /// A `{{> name}}` tag names a partial that is not in the library.
    case missingPartial(name: String, template: String, line: Int)
    /// `render` was asked for a template that is not in the library.
    case missingTemplate(name: String)
    /// Partials nested deeper than the limit while rendering, which in practice means unbounded recursion
    /// (a partial including itself under a section whose value never turns falsey).
    case recursionLimit(template: String, depth: Int)

    public var description: String {
        switch self {
        case .syntax(let template, let line, let column, let message):
            "\(template):\(line):\(column): \(message)"
        case .missingPartial(let name, let template, let line):
            "\(template):\(line): partial '\(name)' is not in the template library"
        case .missingTemplate(let name):
            "no template named '\(name)'"
        case .recursionLimit(let template, let depth):
            "\(template): partials nested more than \(depth) deep; does a partial include itself without end?"
        }
    }
}
