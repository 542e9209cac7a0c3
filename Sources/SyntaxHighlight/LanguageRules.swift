/// How one language writes comments, strings, numbers and its reserved words: the table the
/// `Highlighter` runs on. Every language is data of this one shape; the per-language tables are in
/// `LanguageRules+Tables.swift` and `LanguageRules+CFamily.swift`.
struct LanguageRules: Sendable {
    /// A kind of string literal: its prefixes, delimiters and escapes.
    struct StringRule: Sendable {
        /// Letters written before the opening quote (`r`, `b`, `f`, `@`, `$`); "" for none.
        var prefixes: [String] = [""]
        var open: String
        var close: String
        /// A backslash escapes the next character.
        var escapes = true
        /// The literal may run over several lines (`"""`, `` ` ``, `/* */`-like).
        var multiline = false
        /// Two closing quotes in a row stand for one (C# `@"…""…"`).
        var doubledQuoteEscapes = false
        /// Any number of `#` between the prefix and the quote, repeated after the closing quote
        /// (Rust `r#"…"#`, Swift `#"…"#`).
        var hashDelimited = false
    }

    var keywords: KeywordTable
    var lineComments: [String]
    /// Opening and closing marks of block comments, and whether they nest (Rust, Swift).
    var blockComment: (open: String, close: String, nests: Bool)?
    /// Longest delimiters first, so `"""` is tried before `"`.
    var strings: [StringRule]
    /// C++'s `R"delim(…)delim"` raw strings (with `u8R`, `LR`, … prefixes).
    var cppRawStrings = false
    /// Rust's `'a'` characters beside `'a` lifetimes: a quote starts a character only when one
    /// character (or an escape) and a closing quote follow.
    var rustCharacters = false
    /// A `#` as the first non-blank of a line starts a preprocessor line (C, C++, C#).
    var preprocessorLines = false
    /// `@name` is a decorator, annotation or attribute (Python, Java, JavaScript, TypeScript, Swift).
    var atAnnotations = false
    /// `#[…]` and `#![…]` are attributes (Rust, PHP 8).
    var hashAttributes = false
    /// `$` may appear in identifiers (JavaScript, TypeScript, Java, PHP variables).
    var dollarInIdentifiers = false
}
