import CoverageModel
import Foundation
import Testing

@testable import SiteRenderer

/// Trees and rates made ahead of the render, on other threads (`SiteBuilder` does while it writes the history file).
struct PreparedComponentsTests {
    static func trees(_ run: Run) -> PreparedComponents { PreparedComponents(treesOf: run) }

    static func run(_ paths: [String]) -> Run {
        let files = paths.enumerated().map { index, path in ListingTests.file(path, missed: index % 3) }
        return Run(
            time: Date(timeIntervalSince1970: 0),
            components: [
                ComponentRun(
                    name: "py", report: CoverageReport(producer: .coveragePy, timestamp: nil, sources: [], files: files)
                )
            ])
    }

    static func pages(_ run: Run, prepared: PreparedComponents) throws -> [String: [UInt8]] {
        var input = SiteInput(run: run, history: [run.summary(id: "r1")])
        input.prepared = prepared
        let pages = try SiteRenderer(templates: try TemplateSet()).render(input)
        return Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.bytes) })
    }

    @Test("A prepared tree serves only the very files it was built from")
    func sameFilesOnly() throws {
        let run = Self.run(["src/a.py", "src/b/c.py", "d.py"])
        let prepared = Self.trees(run)
        let files = try #require(run.components[0].report?.files)
        let tree = try #require(prepared.tree(of: files))
        let built = DirectoryTree(files: files)
        #expect(tree.entries.map(\.slug) == built.entries.map(\.slug) && tree.sequence == built.sequence)
        // Equal files in another array, and another run's files of the same count, are not served.
        #expect(prepared.tree(of: files.map { $0 }) == nil)
        #expect(
            prepared.tree(of: try #require(Self.run(["x.py", "y/z.py", "w.py"]).components[0].report?.files)) == nil)
    }

    @Test("The site is the same with the run's prepared trees, with another run's, and without")
    func sameSite() throws {
        let run = Self.run(["src/a.py", "src/b/c.py", "d.py", "src/b/e.py"])
        let other = Self.run(["x.py", "y/z.py", "w.py", "v.py"])
        let plain = try Self.pages(run, prepared: PreparedComponents())
        #expect(try Self.pages(run, prepared: Self.trees(run)) == plain)
        #expect(try Self.pages(run, prepared: Self.trees(other)) == plain)
    }

    @Test("Prepared rates serve only their component, over the very history they were computed from")
    func ratesOfTheirHistoryOnly() throws {
        let run = Self.run(["src/a.py", "src/b/c.py", "d.py"])
        let history = [run.summary(id: "r1")]
        let prepared = PreparedComponents(ratesOf: ["py"], over: history)
        #expect(prepared.rates(of: "py", history: history) != nil)
        #expect(prepared.rates(of: "rs", history: history) == nil)
        #expect(prepared.rates(of: "py", history: history.map { $0 }) == nil)
        // The site with the prepared rates (and trees) is the site without them.
        let plain = try Self.pages(run, prepared: PreparedComponents())
        #expect(plain.count > 5)
        var input = SiteInput(run: run, history: history)
        input.prepared = prepared.merging(Self.trees(run))
        let pages = try SiteRenderer(templates: try TemplateSet()).render(input)
        #expect(Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.bytes) }) == plain)
    }
}
