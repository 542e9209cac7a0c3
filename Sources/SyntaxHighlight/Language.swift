/// The languages whose files the supported producers measure, told by a file's extension.
public enum Language: String, Sendable, CaseIterable {
    case python = "Python"
    case rust = "Rust"
    /// C and C++ share one table: a `.h` file may be either, and C++'s words are rare C identifiers.
    case cFamily = "C/C++"
    case go = "Go"
    case java = "Java"
    case javaScript = "JavaScript"
    case typeScript = "TypeScript"
    case cSharp = "C#"
    case php = "PHP"
    case swift = "Swift"

    /// The language of a file by the extension of its path (case-insensitive), or nil when unknown.
    public init?(path: String) {
        let name =
            path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? Substring(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let fileExtension = name[name.utf8.index(after: dot)...].lowercased()
        guard let language = Self.byExtension[fileExtension] else { return nil }
        self = language
    }

    private static let byExtension: [String: Language] = {
        var table: [String: Language] = [:]
        let lists: [(Language, [String])] = [
            (.python, ["py", "pyi", "pyw", "pyx"]),
            (.rust, ["rs"]),
            (
                .cFamily,
                ["c", "h", "cc", "cpp", "cxx", "c++", "hh", "hpp", "hxx", "h++", "inl", "ipp", "tcc", "cu", "cuh"]
            ),
            (.go, ["go"]),
            (.java, ["java"]),
            (.javaScript, ["js", "mjs", "cjs", "jsx"]),
            (.typeScript, ["ts", "mts", "cts", "tsx"]),
            (.cSharp, ["cs"]),
            (.php, ["php", "phtml", "inc"]),
            (.swift, ["swift"]),
        ]
        for (language, extensions) in lists {
            for name in extensions { table[name] = language }
        }
        return table
    }()

    /// The lexer's table for this language, built once.
    var rules: LanguageRules {
        switch self {
        case .python: LanguageRules.python
        case .rust: LanguageRules.rust
        case .cFamily: LanguageRules.cFamily
        case .go: LanguageRules.go
        case .java: LanguageRules.java
        case .javaScript: LanguageRules.javaScript
        case .typeScript: LanguageRules.typeScript
        case .cSharp: LanguageRules.cSharp
        case .php: LanguageRules.php
        case .swift: LanguageRules.swift
        }
    }
}
