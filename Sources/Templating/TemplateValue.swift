/// A value a template can show.
///
/// Templates decide the escaping: `{{x}}` HTML-escapes, `{{{x}}}` and `{{& x}}` do not. There is no
/// closure case, so Mustache lambdas cannot be expressed.
public enum TemplateValue: Sendable, Equatable {
    /// Text; falsey in a section when empty (as in mustache.js).
    case text(String)
    /// Text that is already UTF-8 bytes, which the caller guarantees are valid UTF-8: shown exactly as `.text`
    /// would show the same text (escaped by `{{x}}`, copied in one piece by `{{{x}}}`), without turning it
    /// into a `String`. Falsey when empty. Not equal to `.text` of the same text.
    case utf8([UInt8])
    /// A flag; interpolates as `true` or `false`.
    case bool(Bool)
    /// A list; falsey when empty. A section renders once per item with the item pushed on the context stack.
    case list([TemplateValue])
    /// Named values, found by name without hashing; a section pushes the object on the context stack.
    /// Interpolates as empty.
    case object(TemplateObject)

    /// Named values from a dictionary, for callers that collect fields before they make the object.
    ///
    /// Disfavored so that a dictionary literal still makes a `TemplateObject` directly, with no hashing.
    @_disfavoredOverload
    public static func object(_ fields: [String: TemplateValue]) -> TemplateValue {
        .object(TemplateObject(fields))
    }

    /// Whether a section over this value renders (and an inverted section does not).
    var isTruthy: Bool {
        switch self {
        case .text(let text): !text.isEmpty
        case .utf8(let bytes): !bytes.isEmpty
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .object: true
        }
    }
}
