import Foundation
import HistoryStore
import TestSupport
import Testing

/// Hostile file names in a report: nothing from outside the source root reaches the site, and every
/// name is escaped.
struct SiteSecurityTests {
    @Test("../ names, absolute names, a symlink out of the root and an HTML file name leak nothing and are escaped")
    func hostileNames() throws {
        let folder = try TemporaryFolder()
        let secret = "tidemark-outside-\(UInt64.random(in: 1...UInt64.max))"
        let outside = try folder.write("outside/secret.txt", secret + "\n")
        let root = folder.url.appendingPathComponent("repo")
        try folder.write("repo/ok.py", "print('ok')\n")
        try folder.write("repo/<img src=x onerror=alert(1)>.py", "x = '<b>bold</b>'\n")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/link.py", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/etc-link.py", withDestinationPath: "/etc/passwd")
        let names = [
            "../../../../etc/passwd", "/etc/hostname", outside, "link.py", "etc-link.py", "ok.py",
            "&lt;img src=x onerror=alert(1)&gt;.py",
        ]
        let site = try Self.generate(in: folder, root: root, names: names)
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8))?.split(separator: "\n").first.map(
            String.init)
        var sawOK = false
        var sawEscapedName = false
        for name in try GoldenDirectory.files(under: site) {
            let bytes = try [UInt8](Data(contentsOf: site.appendingPathComponent(name)))
            if name.hasSuffix(".gz") {
                // The history download holds names as data (JSON), never source text.
                let text = String(decoding: try GzipMembers.decompress(bytes, limit: 1 << 30), as: UTF8.self)
                #expect(!text.contains(secret), "\(name) holds a file outside the source root")
                if let passwd { #expect(!text.contains(passwd), "\(name) holds /etc/passwd") }
                continue
            }
            let text = try #require(String(validating: bytes, as: UTF8.self), "\(name) is not UTF-8")
            #expect(!text.contains(secret), "\(name) shows a file outside the source root")
            if let passwd { #expect(!text.contains(passwd), "\(name) shows /etc/passwd") }
            #expect(!text.contains("<img"), "\(name) has an unescaped name")
            #expect(!text.contains("<b>bold"), "\(name) has unescaped source")
            if text.contains("print(<q>'ok'</q>)") { sawOK = true }
            if text.contains("&lt;img src=x onerror=alert(1)&gt;.py") { sawEscapedName = true }
        }
        #expect(sawOK, "the file inside the root is shown")
        #expect(sawEscapedName)
    }

    @Test("A folder linked out of the source root shows nothing; a folder linked inside it, its files")
    func linkedFolders() throws {
        let folder = try TemporaryFolder()
        let secret = "tidemark-outside-\(UInt64.random(in: 1...UInt64.max))"
        try folder.write("outside/deep/secret.py", "secret = '\(secret)'\n")
        let root = folder.url.appendingPathComponent("repo")
        try folder.write("repo/pkg/real/inside.py", "inside = 'tidemark-inside'\n")
        // A folder that is a link out of the root, one that is a link to a folder inside it, and a
        // plain folder below a link: each takes the path that follows links (realpath).
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/pkg/out", withDestinationPath: folder.path + "/outside")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/pkg/alias", withDestinationPath: "real")
        let site = try Self.generate(
            in: folder, root: root, names: ["pkg/out/deep/secret.py", "pkg/alias/inside.py", "pkg/real/inside.py"])
        var shown: [String] = []
        for name in try GoldenDirectory.files(under: site) where name.hasSuffix(".html") {
            let text = try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains(secret), "\(name) shows a file outside the source root")
            if text.contains("<q>'tidemark-inside'</q>") { shown.append(name) }
        }
        // Both names of the file inside the root show its source, each on its own page.
        #expect(shown.count == 2, "\(shown)")
        let outPage = try GoldenDirectory.files(under: site).first { $0.contains("secret") && $0.hasSuffix(".html") }
        let text = try String(contentsOf: site.appendingPathComponent(try #require(outPage)), encoding: .utf8)
        #expect(text.contains("leads outside the source root"), "the page says why it shows no source")
    }

    @Test(
        "Build URLs: http(s) in any letter case is linked, other schemes are shown as text only",
        arguments: [
            ("HTTPS://ci.example.org/build/1", true), ("https://ci.example.org/build/2", true),
            ("javascript:alert(1)", false), ("file:///etc/passwd", false),
        ])
    func buildLinks(_ url: String, _ linked: Bool) throws {
        let folder = try TemporaryFolder()
        let report = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/reports/coverage.xml").path
        let result = try CommandRunner.tidemark(
            [
                "generate", "--history", "h.sqlite", "--commit", "c", "--branch", "b", "--build-url", url,
                "--input", "python=\(report)", "--output", "site",
            ], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: folder.path + "/site/history.html", encoding: .utf8)
        #expect(page.contains("href=\"\(url)\"") == linked)
        #expect(!page.contains("href=\"javascript"))
    }

    /// Generates a site from a coverage.py report of `names` (two lines each, one run) under `root`.
    private static func generate(in folder: TemporaryFolder, root: URL, names: [String]) throws -> URL {
        var xml = """
            <?xml version="1.0" ?>
            <coverage version="7.17.5" timestamp="1700000000000"><!-- Generated by coverage.py -->
            <sources><source>\(root.path)</source></sources><packages><package name="p"><classes>

            """
        for name in names {
            xml += "<class name=\"c\" filename=\"\(name.replacingOccurrences(of: "\"", with: "&quot;"))\"><lines>"
            xml += "<line number=\"1\" hits=\"1\"/><line number=\"2\" hits=\"0\"/></lines></class>\n"
        }
        xml += "</classes></package></packages></coverage>\n"
        let input = try folder.write("coverage.xml", xml)
        let site = folder.url.appendingPathComponent("site")
        let result = try CommandRunner.tidemark([
            "generate", "--history", folder.path + "/h.sqlite", "--input", "python=\(input)", "--source-root",
            root.path, "--output", site.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return site
    }
}
