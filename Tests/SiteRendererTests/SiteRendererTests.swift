import CoverageModel
import Foundation
import Ingest
import SiteRenderer
import Testing
import TestSupport

/// The rendered site: golden files, escaping, determinism and templates.
struct SiteRendererTests {
    static let goldenRoot = FixturePaths.packageRoot.appendingPathComponent("Tests/SiteRendererTests/Golden")

    /// A run of two real reports: coverage.py with branches and JUnit results, and tarpaulin.
    static func sampleRun() throws -> Run {
        let python = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("coverage.py-branches.xml"))
        let rust = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("tarpaulin-windows-paths.xml"))
        let tests = try JUnitParser().parse(contentsOf: FixturePaths.fixture("junit-pytest-collection-errors.xml"))
        return Run(
            time: Date(timeIntervalSince1970: 1_700_000_000),
            components: [
                ComponentRun(name: "python", report: python, tests: tests), ComponentRun(name: "rust", report: rust),
            ])
    }

    static func write(_ run: Run) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let pages = try SiteRenderer(templates: try TemplateSet()).render(run)
        try SiteWriter().write(pages, to: folder.url.appendingPathComponent("site").path)
        return folder
    }

    @Test("The site of a fixed run matches Golden/two-components file by file")
    func golden() throws {
        let folder = try Self.write(try Self.sampleRun())
        let problems = try GoldenDirectory.compare(
            actual: folder.url.appendingPathComponent("site"), golden: Self.goldenRoot.appendingPathComponent("two-components"))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("Rendering the same run twice gives byte-identical pages")
    func deterministic() throws {
        let renderer = SiteRenderer(templates: try TemplateSet())
        let run = try Self.sampleRun()
        #expect(try renderer.render(run) == renderer.render(run))
    }

    @Test("Input-derived names are escaped: a script file name shows as text")
    func escapesNames() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-script-filename.xml"))
        let run = Run(time: Date(timeIntervalSince1970: 0), components: [ComponentRun(name: "x", report: report)])
        let index = try #require(try SiteRenderer(templates: try TemplateSet()).render(run).first { $0.path == "index.html" })
        #expect(!index.contents.contains("<script>"))
        #expect(index.contents.contains("&lt;script&gt;alert(1)&lt;/script&gt;.py"))
        #expect(index.contents.contains("a&quot;b&#39;c&amp;d.py") || index.contents.contains("a&quot;b&#x27;c&amp;d.py"))
    }

    @Test("Pages end with one newline, use \\n and carry no trailing spaces or unrendered tags")
    func byteHygiene() throws {
        for page in try SiteRenderer(templates: try TemplateSet()).render(try Self.sampleRun()) {
            #expect(page.contents.hasSuffix("\n") && !page.contents.hasSuffix("\n\n"), "\(page.path)")
            #expect(!page.contents.contains("\r"), "\(page.path)")
            #expect(!page.contents.contains(" \n"), "\(page.path)")
            #expect(!page.contents.contains("{{"), "\(page.path)")
        }
    }

    @Test("A templates folder overrides built-in templates file by file; a missing one is a typed error")
    func templateOverride() throws {
        let folder = try TemporaryFolder()
        try folder.write("index.mustache", "<p>{{title}} at {{runTimeText}}</p>\n")
        let templates = try TemplateSet(overridingWith: folder.path)
        let pages = try SiteRenderer(templates: templates).render(try Self.sampleRun())
        #expect(pages.first { $0.path == "index.html" }?.contents == "<p>Coverage report at 2023-11-14T22:13:20Z</p>\n")
        #expect(pages.contains { $0.path == "style.css" })
        #expect(throws: RendererError.missingTemplate(name: "nope")) { try templates.render(1, with: "nope") }
        #expect(throws: RendererError.self) { try TemplateSet(overridingWith: folder.path + "/absent") }
    }

    @Test("A failed write leaves the previous site untouched")
    func atomicWrite() throws {
        let folder = try TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        try SiteWriter().write([SitePage(path: "index.html", contents: "old\n")], to: site.path)
        // A page path that is a folder in the staging copy makes the write fail midway.
        let bad = [SitePage(path: "a/index.html", contents: "new\n"), SitePage(path: "a", contents: "clash\n")]
        #expect(throws: RendererError.self) { try SiteWriter().write(bad, to: site.path) }
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "old\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}
