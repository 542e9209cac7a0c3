/// What the lexer reads of a language's table, as plain values and pointers: copying it or reading
/// through it touches no reference count (`CompiledRules` owns the memory). The memory is written
/// once, before any lexer sees it, and only read after: every render thread may share it.
struct ScanTables: @unchecked Sendable {
    /// One way a string literal opens: a prefix and the opening quote (for hash-delimited rules,
    /// the prefix only: the hashes and the quote follow).
    struct Opener {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Its `StringForm` in `strings`.
        let rule: Int
        let prefixLength: Int
    }

    struct StringForm {
        let open: UnsafeBufferPointer<UInt8>
        let close: UnsafeBufferPointer<UInt8>
        let escapes: Bool
        let multiline: Bool
        let doubledQuoteEscapes: Bool
        let hashDelimited: Bool
    }

    /// Openers by first byte (256 buckets), longest first.
    let openers: UnsafeBufferPointer<UnsafeBufferPointer<Opener>>
    let strings: UnsafeBufferPointer<StringForm>
    let lineComments: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
    let blockOpen: UnsafeBufferPointer<UInt8>
    let blockClose: UnsafeBufferPointer<UInt8>
    let blockNests: Bool
    /// Bytes that may start a comment, an attribute or an annotation: only these are looked at closely.
    let specialStarts: UnsafeBufferPointer<Bool>
    /// Bytes that may follow a string prefix (a quote, or `#` of a hash-delimited string), and the
    /// longest prefix: an identifier is a prefix only when it is that short and one of these follows.
    let afterPrefix: UnsafeBufferPointer<Bool>
    /// Bytes that start no token (spaces, most punctuation): the lexer steps over them without
    /// looking further, as `LineScanner.token` would after every check.
    let plain: UnsafeBufferPointer<Bool>
    /// Bytes that start an identifier (letters, `_`, bytes of non-ASCII characters, `$` where the
    /// language allows it), and those that continue one (those and digits): one load per byte where
    /// a chain of comparisons took most of the lexer's time on identifiers.
    let identifierStarts: UnsafeBufferPointer<Bool>
    let identifierBytes: UnsafeBufferPointer<Bool>
    let longestPrefix: Int
    let keywords: KeywordTable.Lookup
    // The flags of `LanguageRules`, documented there.
    let cppRawStrings: Bool
    let rustCharacters: Bool
    let preprocessorLines: Bool
    let atAnnotations: Bool
    let hashAttributes: Bool
    let dollarInIdentifiers: Bool

    /// A literal's bytes, which live as long as the program.
    static func bytes(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }
}
