/// A value a template can show.
///
/// Templates decide the escaping: `{{x}}` HTML-escapes, `{{{x}}}` and `{{& x}}` do not. There is no
/// closure case, so Mustache lambdas cannot be expressed.
public enum TemplateValue: Sendable, Equatable {
    /// Text; falsey in a section when empty (as in mustache.js).
    case text(String)
    /// A flag; interpolates as `true` or `false`.
    case bool(Bool)
    /// A list; falsey when empty. A section renders once per item with the item pushed on the context stack.
    case list([TemplateValue])
    /// Named values; a section pushes the object on the context stack. Interpolates as empty.
    case object([String: TemplateValue])

    /// Whether a section over this value renders (and an inverted section does not).
    var isTruthy: Bool {
        switch self {
        case .text(let text): !text.isEmpty
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .object: true
        }
    }
}
