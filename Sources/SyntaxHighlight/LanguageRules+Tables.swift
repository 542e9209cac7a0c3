// The tables of the scripting and managed languages; the C family (C/C++, Go, Java, C#) is in
// LanguageRules+CFamily.swift.

extension LanguageRules {
    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    static let python = LanguageRules(
        keywords: KeywordTable(
            words(
                "False None True and as assert async await break class continue def del elif else except finally for "
                    + "from global if import in is lambda nonlocal not or pass raise return try while with yield")),
        lineComments: ["#"],
        blockComment: nil,
        strings: [
            // Any mix of case of the r, b, f, u prefixes coverage.py's users write.
            StringRule(prefixes: pythonPrefixes, open: "\"\"\"", close: "\"\"\"", multiline: true),
            StringRule(prefixes: pythonPrefixes, open: "'''", close: "'''", multiline: true),
            StringRule(prefixes: pythonPrefixes, open: "\"", close: "\""),
            StringRule(prefixes: pythonPrefixes, open: "'", close: "'"),
        ],
        atAnnotations: true)

    private static let pythonPrefixes: [String] = {
        var prefixes: Set<String> = [""]
        for base in ["r", "b", "f", "u", "rb", "br", "fr", "rf"] {
            var variants = [""]
            for letter in base { variants = variants.flatMap { [$0 + String(letter), $0 + letter.uppercased()] } }
            prefixes.formUnion(variants)
        }
        // Longest first: `rb"` must not be read as the identifier `r` then `b"…"`.
        return prefixes.sorted { ($0.count, $0) > ($1.count, $1) }
    }()

    static let rust = LanguageRules(
        keywords: KeywordTable(
            words(
                "as async await break const continue crate dyn else enum extern false fn for if impl in let loop match "
                    + "mod move mut pub ref return self Self static struct super trait true type union unsafe use "
                    + "where while abstract become box do final macro override priv typeof unsized virtual yield try "
                    + "bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", true),
        strings: [
            StringRule(
                prefixes: ["br", "r", "cr"], open: "\"", close: "\"", escapes: false, multiline: true,
                hashDelimited: true),
            StringRule(prefixes: ["b", "c", ""], open: "\"", close: "\"", multiline: true),
        ],
        rustCharacters: true,
        hashAttributes: true)

    static let javaScript = LanguageRules(
        keywords: KeywordTable(javaScriptWords),
        lineComments: ["//"],
        blockComment: ("/*", "*/", false),
        strings: javaScriptStrings,
        atAnnotations: true,
        dollarInIdentifiers: true)

    static let typeScript = LanguageRules(
        keywords: KeywordTable(
            javaScriptWords
                + words(
                    "abstract any as asserts bigint boolean declare enum implements infer interface is keyof module "
                        + "namespace never number object private protected public readonly string symbol type unique "
                        + "unknown satisfies override")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", false),
        strings: javaScriptStrings,
        atAnnotations: true,
        dollarInIdentifiers: true)

    private static let javaScriptWords = words(
        "break case catch class const continue debugger default delete do else export extends finally for function if "
            + "import in instanceof new return super switch this throw try typeof var void while with yield let static "
            + "async await of true false null undefined")

    private static let javaScriptStrings = [
        // Template literals are one string, `${…}` included.
        StringRule(open: "`", close: "`", multiline: true),
        StringRule(open: "\"", close: "\""),
        StringRule(open: "'", close: "'"),
    ]

    static let php = LanguageRules(
        keywords: KeywordTable(
            words(
                "abstract and array as break callable case catch class clone const continue declare default do echo "
                    + "else elseif empty enddeclare endfor endforeach endif endswitch endwhile enum extends final "
                    + "finally fn for foreach function global goto if implements include include_once instanceof "
                    + "insteadof interface isset list match namespace new or print private protected public readonly "
                    + "require require_once return static switch throw trait try unset use var while xor yield true "
                    + "false null self parent"),
            caseInsensitive: true),
        lineComments: ["//", "#"],
        blockComment: ("/*", "*/", false),
        strings: [
            StringRule(open: "\"", close: "\"", multiline: true),
            StringRule(open: "'", close: "'", multiline: true),
        ],
        hashAttributes: true,
        dollarInIdentifiers: true)

    static let swift = LanguageRules(
        keywords: KeywordTable(
            words(
                "associatedtype class deinit enum extension fileprivate func import init inout internal let open "
                    + "operator private precedencegroup protocol public rethrows static struct subscript typealias var "
                    + "break case catch continue default defer do else fallthrough for guard if in repeat return throw "
                    + "switch where while as Any false is nil self Self super throws true try async await actor some "
                    + "any mutating nonmutating override final lazy weak unowned required convenience dynamic optional "
                    + "indirect consuming borrowing nonisolated get set willSet didSet")),
        lineComments: ["//"],
        blockComment: ("/*", "*/", true),
        strings: [
            StringRule(open: "\"\"\"", close: "\"\"\"", multiline: true, hashDelimited: true),
            StringRule(open: "\"", close: "\"", hashDelimited: true),
        ],
        atAnnotations: true)
}
