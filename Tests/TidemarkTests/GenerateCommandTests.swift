import Foundation
import TestSupport
import Testing

/// `tidemark generate`, run as a real process on the example data.
struct GenerateCommandTests {
    static let examples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples")

    static func arguments(output: String, history: String? = nil) -> [String] {
        [
            "generate", "--history", history ?? (output + ".history.sqlite"), "--commit", "abc123",
            "--input", "python=\(examples.path)/python/reports/coverage.xml",
            "--tests", "python=\(examples.path)/python/reports/junit.xml",
            "--input", "rust=\(examples.path)/rust/reports/coverage.xml",
            "--source-root", "python=\(examples.path)/python", "--source-root", "rust=\(examples.path)/rust",
            "--output", output,
        ]
    }

    @Test("generate writes the site; a second run on the same input is byte-identical")
    func writesDeterministicSite() throws {
        let folder = try TemporaryFolder()
        let first = folder.url.appendingPathComponent("one")
        let second = folder.url.appendingPathComponent("two")
        let a = try CommandRunner.tidemark(Self.arguments(output: first.path), environment: ["SOURCE_DATE_EPOCH": "1"])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CommandRunner.tidemark(Self.arguments(output: second.path))
        #expect(b.status == 0, "\(b.stderr)")
        let files = try GoldenDirectory.files(under: first)
        #expect(files == (try GoldenDirectory.files(under: second)))
        for expected in [
            "index.html", "style.css", "history.html", "diagnostics.html", "summary.json", "summary.md",
            "badge.svg", "badges/python.svg", "c/python/index.html", "c/python/worst.html",
        ] {
            #expect(files.contains(expected), "\(expected)")
        }
        // Each file has a page of its own; its folder's listing keeps the file's old id and links to it.
        let folderPage = try #require(
            files.first { $0.hasPrefix("c/python/d/tidelib-") && !$0.hasSuffix("-worst.html") })
        let folderText = try String(contentsOf: first.appendingPathComponent(folderPage), encoding: .utf8)
        let filePage = try #require(files.first { $0.hasPrefix("c/python/f/report.py-") })
        #expect(folderText.contains(#"<tr id="f:report.py"><th scope="row" class="path"><a href="../f/"#))
        #expect(folderText.contains(String(filePage.dropFirst("c/python/".count))))
        #expect(files.contains("c/python/files.html") && files.contains("c/python/files-missing-by-coverage.html"))
        for name in files {
            let data = try Data(contentsOf: first.appendingPathComponent(name))
            #expect(data == (try Data(contentsOf: second.appendingPathComponent(name))), "\(name)")
            #expect(
                !String(decoding: data, as: UTF8.self).contains(FixturePaths.packageRoot.path),
                "machine path in \(name)")
        }
    }

    @Test("A broken input exits 1 with PATH:LINE:COLUMN and leaves the previous site intact")
    func brokenInputKeepsSite() throws {
        let folder = try TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        #expect(try CommandRunner.tidemark(Self.arguments(output: site.path)).status == 0)
        let before = try Data(contentsOf: site.appendingPathComponent("index.html"))
        let broken = FixturePaths.fixture("broken-truncated-mid-tag.xml")
        let result = try CommandRunner.tidemark([
            "generate", "--history", site.path + ".history.sqlite", "--input", "python=\(broken)", "--output",
            site.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(broken):"))
        #expect(result.stderr.range(of: #":\d+:\d+: not well-formed XML"#, options: .regularExpression) != nil)
        #expect(try Data(contentsOf: site.appendingPathComponent("index.html")) == before)
        // Only the lock file stays beside the site (flock needs a file; the kernel releases the lock).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(".") && !$0.hasSuffix(".lock") }
        #expect(leftovers.isEmpty)
        let list = try CommandRunner.tidemark(["history", "list", "--json", "--history", site.path + ".history.sqlite"])
        #expect(list.stdout.components(separatedBy: "\"id\"").count == 2, "exactly the one good run is stored")
    }

    @Test(
        "Every bad kind of input exits 1 with one line naming the file; nothing is recorded or written",
        arguments: [
            "broken-empty.xml", "broken-two-documents.xml", "broken-sonarqube-generic.xml",
            "security-billion-laughs.xml",
        ])
    func badInputs(_ name: String) throws {
        let folder = try TemporaryFolder()
        let path = FixturePaths.fixture(name)
        let history = folder.path + "/history.sqlite"
        let result = try CommandRunner.tidemark([
            "generate", "--history", history, "--input", path, "--output", folder.path + "/site",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tidemark: \(path):"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/site"))
        #expect(!FileManager.default.fileExists(atPath: history))
    }

    @Test("A report that measured nothing is recorded as a failed measurement (never 0 %) and exits 2")
    func noMeasurement() throws {
        let folder = try TemporaryFolder()
        let path = FixturePaths.fixture("broken-packages-empty.xml")
        let result = try CommandRunner.tidemark([
            "generate", "--history", folder.path + "/history.sqlite", "--input", "rust=\(path)", "--output",
            folder.path + "/site",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path): the report measured nothing"))
        let index = try String(contentsOfFile: folder.path + "/site/index.html", encoding: .utf8)
        #expect(index.contains("failed"))
        #expect(!index.contains("0.0%"))
    }

    @Test("A file named <script>alert(1)</script>.py shows up as text")
    func scriptNameEscaped() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.tidemark([
            "generate", "--history", folder.path + "/h.sqlite", "--input",
            FixturePaths.fixture("generic-script-filename.xml"),
            "--output", folder.path + "/site",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let site = URL(fileURLWithPath: folder.path + "/site")
        var shown = false
        // Pages and text files; the history download holds the name as JSON data, not markup.
        for name in try GoldenDirectory.files(under: site) where !name.hasSuffix(".gz") {
            let text = try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("<script"), "\(name)")
            if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;.py") { shown = true }
        }
        #expect(shown)
    }

    @Test("A copied binary works from another folder: templates are carried inside it")
    func copiedBinary() throws {
        let folder = try TemporaryFolder()
        let binary = try folder.copy(FixturePaths.tidemarkBinary.path, to: "bin/tidemark")
        let input = try folder.copy(FixturePaths.fixture("coverage.py-branches.xml"), to: "project/coverage.xml")
        // A test on another thread that forks while the copy is still open for writing lends the child
        // that descriptor until it execs; running the copy meanwhile fails with ETXTBSY. Retry briefly.
        var result: CommandResult?
        for attempt in 0..<50 where result == nil {
            do {
                result = try CommandRunner.run(
                    URL(fileURLWithPath: binary), ["generate", "--input", input],
                    in: URL(fileURLWithPath: input).deletingLastPathComponent())
            } catch let error as NSError
                where attempt < 49 && (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY)
            {
                usleep(100_000)
            }
        }
        #expect(result?.status == 0, "\(result?.stderr ?? "")")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/project/public/index.html"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/project/public/style.css"))
    }

    @Test("Usage errors exit 64 with the usage text")
    func usageErrors() throws {
        let result = try CommandRunner.tidemark(["generate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--input"))
    }
}
