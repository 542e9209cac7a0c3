import Testing

@testable import SiteRenderer

/// The folder part and name of report paths, as the folder tree places them.
struct RawTreeTests {
    static let deep = (1...40).map { "d\($0)" }
    /// Paths and their folder part and name: plain, absolute, doubled and trailing slashes, only
    /// slashes, deeper than the bound, non-ASCII, and a combining mark right after a slash (one
    /// character with it, split between the folder part and the name all the same).
    static let cases: [(path: String, folder: String, name: String)] = [
        ("a/b/c.py", "a/b", "c.py"), ("/abs/x.py", "/abs", "x.py"), ("a//b.py", "a", "/b.py"),
        ("pkg/ok.py/", "pkg", "ok.py/"), ("pkg//ok.py", "pkg", "/ok.py"), ("////", "", "////"), ("", "", ""),
        ("x", "", "x"), ("/x", "", "x"), ("//x/", "", "x/"), ("\u{fc}/\u{df}/f.py", "\u{fc}/\u{df}", "f.py"),
        ("a/\u{301}b/c.py", "a/\u{301}b", "c.py"), ("a/b\u{301}/c.py", "a/b\u{301}", "c.py"),
        ("a/\u{301}b", "a", "\u{301}b"), ("caf\u{e9}/x", "caf\u{e9}", "x"),
        (deep.joined(separator: "/"), deep[..<32].joined(separator: "/"), deep[32...].joined(separator: "/")),
        (
            deep[..<32].joined(separator: "/") + "/leaf.py", deep[..<32].joined(separator: "/"), "leaf.py"
        ),
        (deep[..<33].joined(separator: "/"), deep[..<32].joined(separator: "/"), "d33"),
        (
            deep.joined(separator: "//") + "/", deep[..<32].joined(separator: "//"),
            "/" + deep[32...].joined(separator: "//") + "/"
        ),
    ]

    @Test("A path's folder part and name, byte for byte", arguments: cases)
    func split(path: String, folder: String, name: String) {
        let split = RawTree.split(path)
        #expect(Array(split.folder.utf8) == Array(folder.utf8))
        #expect(Array(split.name.utf8) == Array(name.utf8))
    }

    @Test("A folder part's components are its characters split at `/`, empty ones left out", arguments: cases)
    func components(path: String, folder: String, name: String) {
        let folder = RawTree.split(path).folder
        #expect(RawTree.components(of: folder) == folder.split(separator: "/").map(String.init))
    }
}
