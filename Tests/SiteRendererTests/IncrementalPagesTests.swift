import CoverageModel
import Foundation
import SiteRenderer
import Testing

/// Fingerprints of the pages with one page per file: an incremental render draws exactly the pages
/// whose inputs changed, and what it keeps equals a full render.
struct IncrementalPagesTests {
    static func input(
        _ files: [SourceFile], previous: [SourceFile]? = nil, history: [RunSummary] = [],
        sources: [String: SourceText] = [:]
    ) -> SiteInput {
        func run(_ files: [SourceFile]) -> Run {
            Run(
                time: Date(timeIntervalSince1970: 0),
                components: [
                    ComponentRun(
                        name: "py",
                        report: CoverageReport(producer: .coveragePy, timestamp: nil, sources: [], files: files))
                ])
        }
        return SiteInput(run: run(files), previous: previous.map(run), history: history, sources: ["py": sources])
    }

    static func file(_ path: String, missed: [Int]) -> SourceFile {
        SourceFile(name: path, lines: (1...6).map { LineCoverage(number: $0, hits: missed.contains($0) ? 0 : 1) })
    }

    /// Renders `after` over the keys of `before`; checks the result against a full render and
    /// returns the paths drawn again.
    static func redrawn(before: SiteInput, after: SiteInput) throws -> Set<String> {
        let renderer = SiteRenderer(templates: try TemplateSet())
        let first = try renderer.render(before)
        let published = Dictionary(uniqueKeysWithValues: first.compactMap { page in page.key.map { (page.path, $0) } })
        let incremental = try renderer.render(after, published: published)
        let full = try renderer.render(after)
        let old = Dictionary(uniqueKeysWithValues: first.map { ($0.path, $0.bytes) })
        #expect(incremental.map(\.path) == full.map(\.path))
        for (page, fresh) in zip(incremental, full) {
            // A kept page must be the page a full render draws now.
            #expect((page.isReused ? old[page.path] : page.bytes) == fresh.bytes, "\(page.path)")
        }
        return Set(incremental.filter { !$0.isReused && $0.key != nil }.map(\.path))
    }

    @Test(
        "One file's new miss redraws its page, its neighbours' links stay, and the listings that show it are drawn again"
    )
    func oneFileChanges() throws {
        let paths = ["pkg/a.py", "pkg/b.py", "pkg/c.py", "lib/d.py"]
        let before = paths.map { Self.file($0, missed: []) }
        var after = before
        after[1] = Self.file("pkg/b.py", missed: [4])
        let drawn = try Self.redrawn(before: Self.input(before), after: Self.input(after, previous: before))
        let filePages = drawn.filter { $0.hasPrefix("c/py/f/") }
        #expect(filePages.count == 1 && filePages.first?.hasPrefix("c/py/f/b.py-") == true, "\(drawn.sorted())")
        #expect(
            drawn.contains("c/py/index.html") && drawn.contains("c/py/files.html")
                && drawn.contains("c/py/files-missing.html"))
        #expect(drawn.contains { $0.hasPrefix("c/py/d/pkg-") } && !drawn.contains { $0.hasPrefix("c/py/d/lib-") })
    }

    @Test(
        "A run that changes a file in one folder leaves other folders' listings as they were, recent runs included"
    )
    func recentRunsPerFolder() throws {
        let paths = ["pkg/a.py", "pkg/b.py", "lib/d.py", "lib/e.py"]
        let first = paths.map { Self.file($0, missed: []) }
        var second = first
        second[2] = Self.file("lib/d.py", missed: [2])
        var third = second
        third[1] = Self.file("pkg/b.py", missed: [5])
        func summary(_ files: [SourceFile], _ index: Int) -> RunSummary {
            let counts = files.map(\.counts).total()
            return RunSummary(
                id: "r\(index)", time: Date(timeIntervalSince1970: Double(index) * 60), source: RunSource(),
                components: [
                    ComponentSummary(
                        name: "py", producer: .coveragePy, status: .measured, counts: counts, tests: nil,
                        contentHash: "h\(index)",
                        files: files.map { FileSummary(path: $0.displayPath, counts: $0.counts) })
                ])
        }
        let history = [summary(first, 1), summary(second, 2)]
        let before = Self.input(second, previous: first, history: history)
        let after = Self.input(third, previous: second, history: history + [summary(third, 3)])
        let drawn = try Self.redrawn(before: before, after: after)
        let listings = drawn.filter { $0.hasPrefix("c/py/d/") }
        #expect(listings.contains { $0.hasPrefix("c/py/d/pkg-") } && !listings.contains { $0.hasPrefix("c/py/d/lib-") })
        // The lib listing draws lib's own change (a sparkline of two points), pkg's its own.
        let site = try SiteRenderer(templates: try TemplateSet()).render(after)
        func page(_ prefix: String) -> String {
            site.first { $0.path.hasPrefix(prefix) && !$0.path.contains("-worst") }.map {
                String(decoding: $0.bytes, as: UTF8.self)
            } ?? ""
        }
        #expect(page("c/py/d/lib-").contains("d.py: line coverage over recent runs: 100.0%, 83.3%"))
        #expect(page("c/py/d/lib-").contains("e.py: line coverage over recent runs: 100.0% ×2"))
        #expect(page("c/py/d/pkg-").contains("b.py: line coverage over recent runs: 100.0%, 83.3%"))
    }

    @Test("A new file between two others redraws their pages (previous/next) but not the rest")
    func newNeighbour() throws {
        let before = ["pkg/a.py", "pkg/c.py", "pkg/e.py"].map { Self.file($0, missed: [2]) }
        let after = ["pkg/a.py", "pkg/b.py", "pkg/c.py", "pkg/e.py"].map { Self.file($0, missed: [2]) }
        let drawn = try Self.redrawn(before: Self.input(before), after: Self.input(after))
        let filePages = Set(
            drawn.filter { $0.hasPrefix("c/py/f/") }.map { String($0.dropFirst("c/py/f/".count).prefix(4)) })
        #expect(filePages == ["a.py", "b.py", "c.py"], "\(drawn.sorted())")
    }

    @Test("A folder chain that stops collapsing redraws the file pages below it (breadcrumbs), neighbours unchanged")
    func lineageChanges() throws {
        let before = ["top/mid/leaf/e.py", "top/mid/leaf/f.py", "top/mid/leaf/g.py"].map { Self.file($0, missed: [2]) }
        // top/q/w.py splits the chain top/mid/leaf into top → mid/leaf, after every file of leaf.
        let after = before + [Self.file("top/q/w.py", missed: [2])]
        let drawn = try Self.redrawn(before: Self.input(before), after: Self.input(after))
        let filePages = Set(
            drawn.filter { $0.hasPrefix("c/py/f/") }.map { String($0.dropFirst("c/py/f/".count).prefix(4)) })
        #expect(filePages == ["e.py", "f.py", "g.py", "w.py"], "\(drawn.sorted())")
    }

    @Test("Lines that became uncovered are found whether the previous run listed its files in order or not")
    func newlyUncoveredMatching() throws {
        let previous = ["a.py", "c.py", "e.py"].map { Self.file($0, missed: []) }
        // Kept in name order, these display paths (their keys) fall: e.py, c.py, a.py.
        let unordered = zip(["1.py", "2.py", "3.py"], previous.reversed()).map { name, file in
            SourceFile(name: name, key: file.name, lines: file.lines)
        }
        let current = ["a.py", "b.py", "c.py", "d.py", "e.py"].map { path in
            Self.file(path, missed: path == "c.py" || path == "e.py" ? [2] : [])
        }
        // In order: a file at its own place (a.py) or found by search (c.py, e.py); in any other order
        // through a dictionary.
        for before in [previous, unordered] {
            let site = try SiteRenderer(templates: try TemplateSet()).render(Self.input(current, previous: before))
            func page(_ name: String) -> String {
                site.first { $0.path.hasPrefix("c/py/f/\(name)-") }.map { String(decoding: $0.bytes, as: UTF8.self) }
                    ?? ""
            }
            let note = "1 line became uncovered since the previous run"
            #expect(page("c.py").contains(note) && page("e.py").contains(note))
            #expect(!page("a.py").contains(note) && !page("b.py").contains(note) && !page("d.py").contains(note))
        }
    }

    @Test("Changed source text redraws the file's page only")
    func sourceChanges() throws {
        let files = ["a.py", "b.py"].map { Self.file($0, missed: [3]) }
        let drawn = try Self.redrawn(
            before: Self.input(files, sources: ["a.py": .lines(["x = 1"])]),
            after: Self.input(files, sources: ["a.py": .lines(["x = 2"])]))
        #expect(drawn.count == 1 && drawn.first?.hasPrefix("c/py/f/a.py-") == true, "\(drawn.sorted())")
    }

    @Test("In a list of many pages, a file's change redraws the pages that show it, not every page")
    func pagedListRedrawsItsPage() throws {
        let before = (1...2_500).map { Self.file("m/f\($0).py", missed: [2]) }
        var after = before
        after[2_400] = Self.file("m/f2401.py", missed: [2, 3])
        let drawn = try Self.redrawn(before: Self.input(before), after: Self.input(after, previous: before))
        #expect(
            drawn.contains("c/py/files-p3.html") && !drawn.contains("c/py/files.html")
                && !drawn.contains("c/py/files-p2.html"))
        // The folder's listing shows the folder's totals on each of its pages: all three change.
        #expect(drawn.filter { $0.hasPrefix("c/py/d/") && !$0.contains("-worst") }.count == 3)
    }
}
