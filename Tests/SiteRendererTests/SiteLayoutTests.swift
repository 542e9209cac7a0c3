import Testing

@testable import SiteRenderer

/// Page names and file names as the site derives them from report paths.
struct SiteLayoutTests {
    @Test(
        "A file's name is the last part of its path, trailing slashes ignored, as splitting on '/' gives it",
        arguments: [
            "pkg/mod.py", "mod.py", "a/b/c/", "/abs/x.rs", "/", "//", "", "dir//f.py", "naïve/ünï.py", "a/ b .py",
        ])
    func fileName(path: String) {
        let split = path.split(separator: "/").last.map(String.init) ?? path
        #expect(SiteLayout.fileName(path) == split)
    }
}

extension SiteLayoutTests {
    @Test(
        "The way back to the site root counts a page's folders, as splitting its path on '/' does",
        arguments: ["index.html", "c/py/index.html", "c/py/d/a-1.html", "/c/x.html", "c//x.html", "c/x/", "a", ""])
    func rootOfPage(page: String) {
        let folders = max(page.split(separator: "/").count - 1, 0)
        #expect(SiteLayout.root(of: page) == String(repeating: "../", count: folders))
    }
}

extension SiteLayoutTests {
    @Test("Component names that are not plain ASCII get distinct folders and badges")
    func nonASCIIComponents() {
        let names = ["é", "ü", "-", "ä-b", "python", ".hidden", "ab", "a.b"]
        let folders = names.map { SiteLayout.componentIndex($0) }
        #expect(Set(folders).count == names.count)
        #expect(Set(names.map(SiteLayout.badge)).count == names.count)
        #expect(SiteLayout.componentIndex("python") == "c/python/index.html")
        for folder in folders {
            #expect(folder.utf8.allSatisfy { $0 < 0x80 } && !folder.contains("/./") && !folder.hasPrefix("c/."))
        }
    }
}
