// The tables of the languages with C's syntax: C/C++, Go, Java and C#.

extension LanguageRules {
    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    private static let cQuotes = [
        StringRule(prefixes: ["u8", "u", "U", "L", ""], open: "\"", close: "\""),
        StringRule(prefixes: ["u8", "u", "U", "L", ""], open: "'", close: "'"),
    ]

    static let cFamily = LanguageRules(
        keywords: KeywordTable(
            words(
                // C
                "auto break case char const continue default do double else enum extern float for goto if inline int "
                    + "long register restrict return short signed sizeof static struct switch typedef union unsigned "
                    + "void volatile while _Bool _Complex _Atomic _Noreturn _Static_assert _Thread_local _Alignas "
                    + "_Alignof _Generic bool true false NULL nullptr "
                    // C++
                    + "alignas alignof asm catch char8_t char16_t char32_t class concept consteval constexpr constinit "
                    + "const_cast co_await co_return co_yield decltype delete dynamic_cast explicit export friend "
                    + "mutable namespace new noexcept operator private protected public reinterpret_cast requires "
                    + "static_assert static_cast template this thread_local throw try typeid typename using virtual "
                    + "wchar_t override final")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", false),
        strings: cQuotes,
        cppRawStrings: true,
        preprocessorLines: true)

    static let go = LanguageRules(
        keywords: KeywordTable(
            words(
                "break case chan const continue default defer else fallthrough for func go goto if import interface "
                    + "map package range return select struct switch type var true false nil iota any bool byte "
                    + "complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 "
                    + "uint16 uint32 uint64 uintptr")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", false),
        strings: [
            StringRule(open: "`", close: "`", escapes: false, multiline: true),
            StringRule(open: "\"", close: "\""),
            StringRule(open: "'", close: "'"),
        ])

    static let java = LanguageRules(
        keywords: KeywordTable(
            words(
                "abstract assert boolean break byte case catch char class const continue default do double else enum "
                    + "extends final finally float for goto if implements import instanceof int interface long native "
                    + "new package private protected public return short static strictfp super switch synchronized "
                    + "this throw throws transient try void volatile while true false null var record yield sealed "
                    + "permits")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", false),
        strings: [
            // Text blocks (Java 15).
            StringRule(open: "\"\"\"", close: "\"\"\"", multiline: true),
            StringRule(open: "\"", close: "\""),
            StringRule(open: "'", close: "'"),
        ],
        atAnnotations: true,
        dollarInIdentifiers: true)

    static let cSharp = LanguageRules(
        keywords: KeywordTable(
            words(
                "abstract as base bool break byte case catch char checked class const continue decimal default "
                    + "delegate do double else enum event explicit extern false finally fixed float for foreach goto "
                    + "if implicit in int interface internal is lock long namespace new null object operator out "
                    + "override params private protected public readonly ref return sbyte sealed short sizeof "
                    + "stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe "
                    + "ushort using virtual void volatile while async await var dynamic get set init value yield "
                    + "record nameof when where partial")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", false),
        strings: [
            // Raw string literals (C# 11), then verbatim and interpolated strings.
            StringRule(prefixes: ["$$", "$", ""], open: "\"\"\"", close: "\"\"\"", escapes: false, multiline: true),
            StringRule(
                prefixes: ["$@", "@$", "@"], open: "\"", close: "\"", escapes: false, multiline: true,
                doubledQuoteEscapes: true),
            StringRule(prefixes: ["$", ""], open: "\"", close: "\""),
            StringRule(open: "'", close: "'"),
        ],
        preprocessorLines: true)
}
