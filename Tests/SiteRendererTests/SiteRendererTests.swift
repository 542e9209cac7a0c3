import CoverageAnalysis
import CoverageModel
import Foundation
import Ingest
import SiteRenderer
import TestSupport
import Testing

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
        let pages = try SiteRenderer(templates: try TemplateSet()).render(SiteInput(run: run))
        try SiteWriter().write(pages, to: folder.url.appendingPathComponent("site").path)
        return folder
    }

    @Test("The site of a fixed run matches Golden/two-components file by file")
    func golden() throws {
        let folder = try Self.write(try Self.sampleRun())
        let problems = try GoldenDirectory.compare(
            actual: folder.url.appendingPathComponent("site"),
            golden: Self.goldenRoot.appendingPathComponent("two-components"))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The same run after a fixed history: a failed measurement, a run with broken tests, a previous
    /// run to compare with, and file counts for sparklines and movers.
    static func historyInput() throws -> SiteInput {
        let run = try sampleRun()
        func summary(
            _ id: String, day: Double, python: Counts?, pythonTests: TestResults?, rust: Counts?, files: [FileSummary]
        )
            -> RunSummary
        {
            var components: [ComponentSummary] = []
            components.append(
                ComponentSummary(
                    name: "python", producer: .coveragePy,
                    status: python == nil ? .failed(reason: "coverage.xml: the report measured nothing") : .measured,
                    counts: python ?? .zero, tests: pythonTests, contentHash: id, files: files))
            if let rust {
                components.append(
                    ComponentSummary(
                        name: "rust", producer: .tarpaulin, status: .measured, counts: rust, tests: nil, contentHash: id
                    ))
            }
            return RunSummary(
                id: id, time: Date(timeIntervalSince1970: 1_700_000_000 - (4 - day) * 86_400),
                source: RunSource(
                    commit: "0123456789abcdef0123456789abcdef0123456\(Int(day))", branch: "main",
                    buildURL: "https://ci.example/\(id)"),
                components: components)
        }
        let python = run.components[0].report!
        let files = python.files.map { FileSummary(path: $0.displayPath, counts: $0.counts) }
        let older = files.map {
            FileSummary(
                path: $0.path,
                counts: Counts(linesValid: $0.counts.linesValid, linesCovered: max(0, $0.counts.linesCovered - 1)))
        }
        let history = [
            summary(
                "r1", day: 0, python: Counts(linesValid: 9, linesCovered: 4, branchesValid: 6, branchesCovered: 2),
                pythonTests: nil, rust: nil, files: older),
            summary(
                "r2", day: 1, python: nil, pythonTests: nil, rust: Counts(linesValid: 4, linesCovered: 2), files: []),
            summary(
                "r3", day: 2, python: Counts(linesValid: 9, linesCovered: 6, branchesValid: 6, branchesCovered: 3),
                pythonTests: TestResults(tests: 3, passed: 2, failures: 1),
                rust: Counts(linesValid: 4, linesCovered: 3), files: older),
            run.summary(id: "r4"),
        ]
        return SiteInput(
            run: run, previous: nil, history: history,
            sources: [
                "python": Dictionary(
                    uniqueKeysWithValues: python.files.map {
                        ($0.displayPath, SourceText.lines((1...12).map { "line \($0) <of> \"code\"" }))
                    })
            ])
    }

    @Test("The site of a fixed run after a fixed history matches Golden/with-history file by file")
    func goldenWithHistory() throws {
        let folder = try TemporaryFolder()
        let pages = try SiteRenderer(templates: try TemplateSet()).render(try Self.historyInput())
        try SiteWriter().write(pages, to: folder.url.appendingPathComponent("site").path)
        let problems = try GoldenDirectory.compare(
            actual: folder.url.appendingPathComponent("site"),
            golden: Self.goldenRoot.appendingPathComponent("with-history"))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("Configured levels colour the rates, the meters, the legend and the badges alike")
    func configuredLevels() throws {
        let python = Thresholds(lineTarget: 1, lineWarning: 0.7, branchTarget: 0.4, branchWarning: 0.3)
        let input = SiteInput(run: try Self.sampleRun(), thresholds: ["python": python])
        let pages = try SiteRenderer(templates: try TemplateSet()).render(input)
        let byPath = Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.contents) })
        // python: lines 77.8 % (between 70 % and 100 %), branches 50 % (above the 40 % target).
        let index = try #require(byPath["index.html"])
        #expect(index.contains(#"<td class="num level-medium"><meter min="0" max="100" low="70.000" high="99.999""#))
        #expect(index.contains(#"<td class="num level-high">50.0%</td>"#))
        #expect(index.contains("Colours and bars of python:") && index.contains("100% or more (target)"))
        #expect(try #require(byPath["badges/python.svg"]).contains("#dfb317"))
        #expect(try #require(byPath["c/python/index.html"]).contains("below 70% (warning level)"))
    }

    @Test("Rendering the same run twice gives byte-identical pages")
    func deterministic() throws {
        let renderer = SiteRenderer(templates: try TemplateSet())
        let run = try Self.sampleRun()
        #expect(try renderer.render(SiteInput(run: run)) == renderer.render(SiteInput(run: run)))
    }

    @Test("Input-derived names are escaped: a script file name shows as text")
    func escapesNames() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("generic-script-filename.xml"))
        let run = Run(time: Date(timeIntervalSince1970: 0), components: [ComponentRun(name: "x", report: report)])
        let pages = try SiteRenderer(templates: try TemplateSet()).render(SiteInput(run: run))
        for page in pages { #expect(!page.contents.contains("<script"), "\(page.path)") }
        let all = pages.map(\.contents).joined()
        #expect(all.contains("&lt;script&gt;alert(1)&lt;/script&gt;.py"))
        #expect(all.contains("a&quot;b&#39;c&amp;d.py") || all.contains("a&quot;b&#x27;c&amp;d.py"))
    }

    @Test("Pages end with one newline, use \\n and carry no trailing spaces or unrendered tags")
    func byteHygiene() throws {
        for page in try SiteRenderer(templates: try TemplateSet()).render(SiteInput(run: try Self.sampleRun())) {
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
        let pages = try SiteRenderer(templates: templates).render(SiteInput(run: try Self.sampleRun()))
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
