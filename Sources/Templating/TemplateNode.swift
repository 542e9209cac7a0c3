/// One piece of a parsed template; a template is a `[TemplateNode]` built once when the library is made.
indirect enum TemplateNode: Sendable {
    /// Literal template bytes. `lineStarts` are the offsets where a line with content begins, where a
    /// standalone partial's indentation is written.
    case text([UInt8], lineStarts: [Int])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`: the partial's index in the library. `indentation` is the whitespace before a standalone
    /// tag, `nil` for an inline one.
    case partial(Int, indentation: [UInt8]?)
    /// A line that starts with a tag: the current partial indentation goes here.
    case indent
}

/// A tag's name split on dots; no parts is the implicit iterator `.`.
struct TemplateName: Sendable, Equatable {
    /// The name as written in the tag, for messages.
    let text: String
    /// `a.b.c` → `["a", "b", "c"]`; `.` → `[]`.
    let parts: [String]

    /// Splits `text`, or returns nil when a part is empty (`a..b`, `.a`, `a.`).
    init?(_ text: String) {
        self.text = text
        if text == "." {
            parts = []
            return
        }
        let split = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if split.contains(where: \.isEmpty) { return nil }
        parts = split
    }
}
