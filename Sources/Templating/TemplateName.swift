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
