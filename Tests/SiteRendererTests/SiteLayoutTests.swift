import TestSupport
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

extension SiteLayoutTests {
    @Test("Slugs and anchors are those of the first, string-by-string way of making them", arguments: 1...8)
    func slugsMatchReference(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let parts = ["src", "pkg", "é", "ünï", "a b", ".", "..", "-", "--x", "日本", "x.py", "", "/", "ok_1", "🙂"]
        // Mostly four-byte characters, so that the last `count * 4` bytes hold fewer than `count`
        // characters: all a slug may look at.
        let wide = (0..<3).map {
            String(repeating: "a🙂🙂🙂", count: 20 + 10 * $0) + "/" + String(repeating: "b🙂🙂", count: 9)
        }
        let generated = (0..<300).map { _ in
            (0..<Int.random(in: 0...40, using: &random)).map { _ in parts.randomElement(using: &random) ?? "" }.joined(
                separator: Bool.random(using: &random) ? "/" : "")
        }
        for path in wide + generated {
            #expect(
                SiteLayout.slug(path) == Self.referenceSlug(path, keeping: 60, or: "root", hashing: path), "\(path)")
            let name = SiteLayout.fileName(path)
            #expect(SiteLayout.fileSlug(path) == Self.referenceSlug(name, keeping: 40, or: "file", hashing: path))
            let plain = !name.isEmpty && name.utf8.allSatisfy(SiteLayout.isSafe)
            #expect(SiteLayout.fileAnchor(name) == "f:" + (plain ? name : SiteLayout.slug(name)))
            for component in ["python", "é", ".x"] {
                let page = "c/" + SiteLayout.safe(component) + "/f/" + SiteLayout.fileSlug(path) + ".html"
                #expect(SiteLayout.filePage(component, path: path) == page)
            }
        }
    }

    /// The slug as it was first written: the text's last `count * 4` bytes mapped byte by byte,
    /// the last `count` kept, leading `.` and `-` dropped, then `-` and the short hash.
    private static func referenceSlug(_ text: String, keeping count: Int, or fallback: String, hashing hashed: String)
        -> String
    {
        var readable: [UInt8] = []
        for byte in text.utf8.suffix(count * 4) {
            if SiteLayout.isSafe(byte) {
                readable.append(byte)
            } else if byte & 0xC0 != 0x80 {
                readable.append(UInt8(ascii: "-"))
            }
        }
        readable.removeFirst(max(0, readable.count - count))
        while let first = readable.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "-") {
            readable.removeFirst()
        }
        if readable.isEmpty { readable = Array(fallback.utf8) }
        readable.append(UInt8(ascii: "-"))
        var key = PageKey()
        key.add(hashed)
        key.appendShort(to: &readable)
        return String(decoding: readable, as: UTF8.self)
    }
}
