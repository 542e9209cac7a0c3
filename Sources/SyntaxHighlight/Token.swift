/// What a piece of source is, as far as colouring goes: the few kinds every reader of code tells
/// apart at a glance.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    /// Reserved words and literal constants (`def`, `fn`, `true`, `nil`, `int` in C).
    case keyword
    /// String and character literals, prefixes and delimiters included.
    case string
    /// Line and block comments.
    case comment
    /// Numeric literals with their prefixes and suffixes (`0x1F`, `1_000u32`, `2.5e-3f`).
    case number
    /// Preprocessor lines, decorators, annotations and attributes (`#include`, `@property`, `#[test]`).
    case meta

    /// The CSS class the site gives this kind: one letter, since every token of every line carries it.
    public var cssClass: StaticString {
        switch self {
        case .keyword: "k"
        case .string: "s"
        case .comment: "c"
        case .number: "n"
        case .meta: "m"
        }
    }
}

/// A coloured run of one line: byte offsets `start..<end` in the line's UTF-8.
public struct Token: Sendable, Equatable {
    public var start: Int32
    public var end: Int32
    public var kind: TokenKind

    public init(start: Int, end: Int, kind: TokenKind) {
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.kind = kind
    }
}
