import CoverageModel
import Foundation
import SiteRenderer
import TestSupport
import Testing

/// Folder listings and a component's flat lists: orders, filter, pages, collapsed chains, old ids.
struct ListingTests {
    static func render(_ files: [SourceFile]) throws -> [String: String] {
        let input = SiteInput(
            run: Run(
                time: Date(timeIntervalSince1970: 0),
                components: [
                    ComponentRun(
                        name: "py",
                        report: CoverageReport(producer: .coveragePy, timestamp: nil, sources: [], files: files))
                ]))
        let pages = try SiteRenderer(templates: try TemplateSet()).render(input)
        let problems = SiteChecks.problems(in: pages)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        return Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.contents) })
    }

    /// A file with `missed` of its ten lines missed (lines 2, 4, …).
    static func file(_ name: String, missed: Int, branches: (Int32, Int32)? = nil) -> SourceFile {
        let lines = (1...10).map { number in
            LineCoverage(
                number: number, hits: number % 2 == 0 && number / 2 <= missed ? 0 : 1,
                branchesValid: number == 1 ? branches?.1 ?? 0 : 0, branchesCovered: number == 1 ? branches?.0 ?? 0 : 0)
        }
        return SourceFile(name: name, lines: lines)
    }

    static func rowNames(_ page: String) -> [String] {
        SiteChecks.matches(#"<th scope="row" class="path"><a href="[^"]*">([^<]*(?:<wbr>[^<]*)*)</a>"#, in: page)
            .map { $0.replacingOccurrences(of: "<wbr>", with: "") }
    }

    @Test(
        "The flat list sorts paths naturally and by coverage, missed lines and branch coverage; the filter keeps files not fully covered"
    )
    func flatListOrders() throws {
        let pages = try Self.render([
            Self.file("api_1003.py", missed: 1), Self.file("api_104.py", missed: 3),
            Self.file("pkg/full.py", missed: 0, branches: (2, 2)),
            Self.file("pkg/part.py", missed: 0, branches: (1, 2)),
        ])
        #expect(
            Self.rowNames(try #require(pages["c/py/files.html"])) == [
                "api_104.py", "api_1003.py", "pkg/full.py", "pkg/part.py",
            ])
        #expect(
            Self.rowNames(try #require(pages["c/py/files-by-coverage.html"]))
                == ["api_104.py", "api_1003.py", "pkg/full.py", "pkg/part.py"])
        #expect(
            Self.rowNames(try #require(pages["c/py/files-by-missed.html"])).prefix(2) == ["api_104.py", "api_1003.py"])
        #expect(
            Self.rowNames(try #require(pages["c/py/files-by-branches.html"])).prefix(2) == [
                "pkg/part.py", "pkg/full.py",
            ])
        #expect(
            Self.rowNames(try #require(pages["c/py/files-missing.html"])) == [
                "api_104.py", "api_1003.py", "pkg/part.py",
            ])
        let list = try #require(pages["c/py/files.html"])
        // The missing column links each range to the file page's line.
        #expect(list.contains(##"<td class="missing"><a href="f/api_104.py-"##))
        #expect(list.contains(##".html#L2">2</a>, <a href="f/api_104.py-"##))
        #expect(list.contains("4 files, 3 not fully covered."))
    }

    @Test(
        "A folder of 2 500 files is listed on three pages, each link naming its rows; page 1 keeps every file's old id")
    func pagedFolder() throws {
        let files = (1...2_500).map { Self.file("big/m\($0).py", missed: $0 % 3) }
        let pages = try Self.render(files)
        let first = try #require(
            pages.first { $0.key.hasPrefix("c/py/d/big-") && !$0.key.contains("-p") && !$0.key.contains("-worst") })
        let stem = String(first.key.dropLast(".html".count))
        #expect(pages[stem + "-p2.html"] != nil && pages[stem + "-p3.html"] != nil && pages[stem + "-p4.html"] == nil)
        #expect(pages[stem + "-worst-p3.html"] != nil)
        #expect(first.value.contains(##"<strong aria-current="page">1–1000: m1.py – m1000.py</strong>"##))
        #expect(first.value.contains(##"-p3.html">2001–2500: m2001.py – m2500.py</a>"##))
        #expect(Self.rowNames(first.value).count == 1_000)
        // Old links `d/big….html#f:m2400.py` still land: page 1 has an id for every file of the folder.
        #expect(
            first.value.contains(#"<tr id="f:m7.py">"#)
                && first.value.contains(#"<a id="f:m2400.py" href="../f/m2400.py-"#))
        for (path, page) in pages where path.hasSuffix(".html") { #expect(page.utf8.count < 1_000_000, "\(path)") }
        #expect(pages.keys.filter { $0.hasPrefix("c/py/files-p") }.count == 2)
    }

    @Test("A chain of folders that hold nothing else is one row and one listing: src/com/example/")
    func collapsedChain() throws {
        let pages = try Self.render([
            Self.file("src/com/example/Calc.java", missed: 1), Self.file("src/com/example/Main.java", missed: 0),
        ])
        let index = try #require(pages["c/py/index.html"])
        #expect(index.contains(##">src/<wbr>com/<wbr>example/<wbr></a>"##))
        #expect(pages.keys.filter { $0.hasPrefix("c/py/d/") }.count == 2)  // by path and worst first
    }
}
