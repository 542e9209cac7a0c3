import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

@testable import SiteRenderer

/// One page per source file: its header, its rows, and what it says without source.
struct FilePageTests {
    static func render(_ files: [SourceFile], producer: Producer = .coveragePy, sources: [String: SourceText] = [:])
        throws -> [SitePage]
    {
        let input = SiteInput(
            run: Run(
                time: Date(timeIntervalSince1970: 0),
                components: [
                    ComponentRun(
                        name: "py",
                        report: CoverageReport(
                            producer: producer, timestamp: nil, sources: ["/ci/work/src"], files: files))
                ]),
            sources: ["py": sources])
        return try SiteRenderer(templates: try TemplateSet()).render(input)
    }

    static func page(_ pages: [SitePage], file: String) throws -> String {
        let pages = pages.filter { $0.path.hasPrefix("c/py/f/") && $0.contents.contains("<title>\(file) — py") }
        try #require(pages.count == 1, "\(file): \(pages.map(\.path))")
        return pages[0].contents
    }

    @Test("A measured line far beyond the source is listed after it, not padded up to its number")
    func lineBeyondSource() throws {
        let file = SourceFile(
            name: "a.py",
            lines: [
                LineCoverage(number: 1, hits: 1), LineCoverage(number: 2_000_000_000, hits: 0),
                LineCoverage(number: 0, hits: 1),
            ])
        let pages = try Self.render([file], sources: ["a.py": .lines(["x = 1", "y = 2"])])
        let page = try Self.page(pages, file: "a.py")
        #expect(page.contains(#"id="L2000000000""#) && page.contains(#"id="L0""#) && page.contains(#"id="L2""#))
        #expect(page.utf8.count < 20_000)
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }

    @Test(
        "Lines that need escaping are escaped in every token and between them, the lines beside them are copied, in coloured and plain files, with CRLF endings"
    )
    func escapingPerLine() throws {
        // CRLF endings: each line keeps its `\r`, as `.lines` joins them with `\n`.
        let python = ["x = 1\r", "if a < b and c > 'd&e':  # <tag>\r", "y = \"plain\"\r", "z = a&b\u{1}\r", ""]
        let text = ["plain", "<b> & </b>", "plain again", ""]
        let pages = try Self.render(
            [
                SourceFile(name: "e.py", lines: [LineCoverage(number: 2, hits: 1)]),
                SourceFile(name: "e.txt", lines: []),
            ],
            sources: ["e.py": .lines(python), "e.txt": .lines(text)])
        let py = try Self.page(pages, file: "e.py")
        #expect(py.contains("<td>x = <u>1</u>\n"))
        #expect(
            py.contains(
                "<b>if</b> a &lt; b <b>and</b> c &gt; <q>'d&amp;e'</q>:  <i># &lt;tag&gt;</i>\n"))
        #expect(py.contains("<td>y = <q>\"plain\"</q>\n"))
        #expect(py.contains("<td>z = a&amp;b\u{FFFD}\n"))
        let plain = try Self.page(pages, file: "e.txt")
        #expect(plain.contains("<td>plain\n") && plain.contains("<td>&lt;b&gt; &amp; &lt;/b&gt;\n"))
        #expect(plain.contains("<td>plain again\n"))
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }

    @Test("The header lists the missed ranges, each linked to its line; each missed block links to the next")
    func missedRangesAndNextMiss() throws {
        let lines = [1, 2, 3, 5, 6, 9, 10, 12].map { number in
            LineCoverage(number: number, hits: [2, 3, 9, 10].contains(number) ? 0 : 1)
        }
        let source = (1...12).map { "x\($0) = \($0)  # line \($0)" }
        let page = try Self.page(
            try Self.render([SourceFile(name: "m.py", lines: lines)], sources: ["m.py": .lines(source)]), file: "m.py")
        #expect(page.contains(##"4 missed lines in 2 blocks: <a href="#L2">2-3</a>, <a href="#L9">9-10</a>"##))
        // The first line of each block links to the next block; the last block back to the list.
        #expect(
            page.contains(
                ##"<tr id="L2" class="missed"><th><a href="#L2">2</a>"## + ##"<td>✗<a class="next" href="#L9""##))
        #expect(
            page.contains(
                ##"<tr id="L9" class="missed"><th><a href="#L9">9</a>"## + ##"<td>✗<a class="next" href="#missed""##))
        #expect(page.contains(##"<tr id="L3" class="missed"><th><a href="#L3">3</a><td>✗<td>"##))
        // Syntax colour: Python's comment and number.
        #expect(page.contains("<u>1</u>  <i># line 1</i>"))
        #expect(!page.contains("<script"))
    }

    @Test(
        "Without source: why, where Tidemark looked, the --source-root that fixes it, and the missed ranges, not a row per line"
    )
    func noSource() throws {
        var lines = (1...1_142).map { LineCoverage(number: $0, hits: 1) }
        lines[19] = LineCoverage(number: 20, hits: 0)
        lines[20] = LineCoverage(number: 21, hits: 0)
        lines[99] = LineCoverage(number: 100, hits: 3, branchesValid: 2, branchesCovered: 1)
        var resolved = SourceFile(name: "src/app.py", key: "src/app.py", lines: lines)
        let unresolved = SourceFile(name: "lib/other.py", lines: [LineCoverage(number: 4, hits: 0)])
        resolved.key = "src/app.py"
        let pages = try Self.render(
            [resolved, unresolved],
            sources: [
                "src/app.py": .notFound(reason: "The source file is not in the source root."),
                "lib/other.py": .notFound(reason: "This file did not resolve under the source root."),
            ])
        let page = try Self.page(pages, file: "src/app.py")
        #expect(page.contains("The source file is not in the source root."))
        #expect(page.contains("tidemark render --source-root py=DIR"))
        #expect(page.contains("DIR/src/app.py"))
        #expect(page.components(separatedBy: "<tr id=").count - 1 == 2)
        #expect(page.contains(##"<tr id="L20" class="missed"><th><a href="#L20">20</a>–21"##))
        #expect(page.contains("1 of 2 branches taken"))
        let other = try Self.page(pages, file: "lib/other.py")
        #expect(other.contains("tidemark generate --source-root py=DIR"))
        #expect(other.contains("/ci/work/src/lib/other.py"))
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }

    @Test("Branch lines carry [+ −] markers in a <details>; functions are listed with their calls")
    func branchesAndFunctions() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("gcovr-conditions.xml"))
        let file = try #require(report.files.first)
        let source = (1...16).map { $0 == 13 ? "  if (a && b) {" : "  x++; // \($0)" }
        let pages = try Self.render([file], producer: .gcovr, sources: [file.displayPath: .lines(source)])
        let page = try Self.page(pages, file: "src/lexer.c")
        #expect(page.contains(##"<details class="br"><summary>[+ + + −]</summary>3 of 4 branches taken</details>"##))
        #expect(page.contains(##"<details class="br"><summary>[− −]</summary>0 of 2 branches taken</details>"##))
        #expect(page.contains("1 function, 0 never called"))
        #expect(page.contains("<code>next_token</code>") && page.contains(##"<a href="#L12">12</a>"##))
        // C colouring and real hit counts.
        #expect(page.contains("<b>if</b>") && page.contains("✓<td>8<td>"))
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }

    @Test("The partly covered list says branch for one and branches for more, as the source view does")
    func partialWording() {
        let one = LineCoverage(number: 7, hits: 1, branchesValid: 1, branchesCovered: 0)
        #expect(FilePage.partialText(one, missing: "9") == "line 7: 0 of 1 branch taken; never jumped to line 9")
        let two = LineCoverage(number: 8, hits: 1, branchesValid: 2, branchesCovered: 1)
        #expect(
            FilePage.partialText(two, missing: "12,exit")
                == "line 8: 1 of 2 branches taken; never jumped to line 12, exit")
        // Empty targets are left out, as splitting the text leaves them out.
        #expect(FilePage.partialText(two, missing: ",,12,") == "line 8: 1 of 2 branches taken; never jumped to line 12")
        #expect(FilePage.partialText(two, missing: "") == "line 8: 1 of 2 branches taken; never jumped to ")
        #expect(FilePage.partialText(two, missing: nil) == "line 8: 1 of 2 branches taken")
    }

    @Test("An empty source file with no measured line says so instead of showing nothing")
    func emptyFile() throws {
        let empty = SourceFile(name: "pkg/__init__.py", lines: [])
        let full = SourceFile(name: "pkg/mod.py", lines: [LineCoverage(number: 1, hits: 1)])
        let pages = try Self.render(
            [empty, full], sources: ["pkg/__init__.py": .lines([]), "pkg/mod.py": .lines(["x = 1"])])
        let note = "The source file is empty, and the report measures no line of it."
        #expect(try Self.page(pages, file: "pkg/__init__.py").contains(note))
        #expect(try !Self.page(pages, file: "pkg/mod.py").contains(note))
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }

    @Test("istanbul's placeholder signature ()V is not shown; Java's real ()V is")
    func istanbulSignature() throws {
        let file = SourceFile(
            name: "lib/a.js", lines: [LineCoverage(number: 1, hits: 2)],
            functions: [
                FunctionCoverage(name: "newest", signature: "()V", line: 1, hits: 2, linesValid: 1, linesCovered: 1)
            ])
        for (producer, shows) in [(Producer.istanbul, false), (.coberturaJava, true)] {
            let pages = try Self.render([file], producer: producer, sources: [file.displayPath: .lines(["x()"])])
            let page = try Self.page(pages, file: "lib/a.js")
            #expect(page.contains("<code>newest</code>"))
            #expect(page.contains(#"<code class="signature">()V</code>"#) == shows, "\(producer)")
        }
    }

    @Test("A function the report gives no call count for shows none and is not counted as never called")
    func functionWithoutCallCount() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("gcovr-8.8-inline-header.xml"))
        let header = try #require(report.files.first { $0.name == "include/mathx.h" })
        let source = [
            "static inline int clamp(int v) {", "  int r = v;", "  if (r < 0) r = 0;", "  if (r > 9) r = 9;",
            "  return r;", "}", "static inline int sign(int v) {", "  return (v > 0) - (v < 0);", "}",
        ]
        let pages = try Self.render([header], producer: .gcovr, sources: [header.displayPath: .lines(source)])
        let page = try Self.page(pages, file: "include/mathx.h")
        #expect(page.contains("2 functions, 0 never called, 1 with no call count in the report"))
        #expect(
            page.contains(
                ##"<tr><th scope="row"><code>clamp</code></th><td class="num">—</td><td class="num">—</td><td class="num">—</td>"##
            )
        )
        #expect(!page.contains(##"<tr class="missed"><th scope="row"><code>clamp</code>"##))
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }

    @Test("Previous and next follow the folders' order; the folder link lands on the file's row")
    func neighbours() throws {
        let files = ["b/x.py", "a.py", "b/c/y.py", "b/z.py"].map {
            SourceFile(name: $0, lines: [LineCoverage(number: 1, hits: 1)])
        }
        let pages = try Self.render(files)
        // Reading order: a folder's folders first, then its own files: b/c/y.py, b/x.py, b/z.py, a.py.
        let x = try Self.page(pages, file: "b/x.py")
        #expect(x.contains(#"rel="prev">← <span class="path">b/<wbr>c/<wbr>y.py</span></a>"#))
        #expect(x.contains(#"rel="next"><span class="path">b/<wbr>z.py</span> →</a>"#))
        #expect(x.contains("#f:x.py\">folder</a>"))
        let y = try Self.page(pages, file: "b/c/y.py")
        #expect(y.contains("← first file"))
        #expect(try Self.page(pages, file: "a.py").contains("last file →"))
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
    }
}

extension FilePageTests {
    @Test("pkg/ok.py, pkg//ok.py and pkg/ok.py/ get ids unique on their folder's page, and three file pages")
    func sameNameThreeWays() throws {
        let files = ["pkg/ok.py", "pkg//ok.py", "pkg/ok.py/"].map {
            SourceFile(name: $0, lines: [LineCoverage(number: 1, hits: 0)])
        }
        let pages = try Self.render(files)
        #expect(SiteChecks.problems(in: pages).isEmpty, "\(SiteChecks.problems(in: pages))")
        #expect(pages.filter { $0.path.hasPrefix("c/py/f/") }.count == 3)
        let folder = try #require(pages.first { $0.path.hasPrefix("c/py/d/pkg-") && !$0.path.contains("-worst") })
        #expect(folder.contents.contains(##"<tr id="f:ok.py">"##))
        #expect(SiteChecks.matches(#"<tr id="(f:[^"]*)""#, in: folder.contents).count == 3)
    }
}
