import CoverageModel
import Foundation
import Testing

@testable import SiteRenderer

/// The folder tree behind listings and file pages: collapsed chains, bounded depth, names and ids.
struct DirectoryTreeTests {
    static func tree(_ paths: [String]) -> DirectoryTree {
        DirectoryTree(files: paths.map { SourceFile(name: $0, lines: [LineCoverage(number: 1, hits: 1)]) })
    }

    @Test("Folders that hold only one folder are shown with it; a folder with files is never merged away")
    func collapse() {
        let tree = Self.tree(["src/com/example/a/X.java", "src/com/example/b/Y.java", "src/com/Z.java"])
        let names = tree.folders.map(\.name)
        #expect(names == ["", "src/com", "example", "a", "b"])
        #expect(tree.folders[1].path == "src/com" && tree.folders[2].path == "src/com/example")
        #expect(tree.folders[0].counts.linesValid == 3)
    }

    @Test("`pkg/ok.py`, `pkg//ok.py` and `pkg/ok.py/` keep their own names, ids and pages")
    func oddNames() {
        let tree = Self.tree(["pkg/ok.py", "pkg//ok.py", "pkg/ok.py/"])
        #expect(tree.folders.count == 2)
        let entries = tree.entries
        #expect(Set(entries.map(\.name)) == ["ok.py", "/ok.py", "ok.py/"])
        #expect(Set(entries.map(\.anchor)).count == 3)
        #expect(entries.contains { $0.anchor == "f:ok.py" })
        #expect(Set(entries.map(\.slug)).count == 3)
    }

    @Test("Paths deeper than the bound keep the rest of the path in the file's name")
    func boundedDepth() {
        let deep = (1...2_000).map { "d\($0)" }.joined(separator: "/") + "/leaf.py"
        let branching = (1...300).map { level in (1...level).map { "b\($0)" }.joined(separator: "/") + "/f.py" }
        let tree = Self.tree([deep] + branching)
        let depth = tree.folders.indices.map { tree.lineage(of: $0).count }.max() ?? 0
        #expect(depth <= DirectoryTree.maxDepth + 1)
        #expect(tree.entries.count == 301)
        #expect(tree.entries.contains { $0.name.hasPrefix("d33/") && $0.name.hasSuffix("/leaf.py") })
        #expect(tree.sequence.count == 301 && Set(tree.sequence).count == 301)
    }

    @Test("Two paths whose slugs would be equal still get two pages")
    func uniqueSlugs() {
        // Equal readable parts, different hashes: distinct anyway; the suffix rule is what guards a collision.
        let tree = Self.tree(["a b.py", "a-b.py", "a\u{e9}b.py"])
        #expect(Set(tree.entries.map(\.slug)).count == 3)
    }
}

/// Natural order and missed ranges.
struct OrderingTests {
    @Test(
        "Digit runs compare by value; the order is total",
        arguments: [
            ("api_104", "api_1003"), ("file2", "file10"), ("a", "b"), ("a01", "a1"), ("x/9/z", "x/10/a"), ("", "a"),
            ("abc", "abd"),
            ("z9", "z9a"),
        ])
    func natural(before: String, after: String) {
        #expect(NaturalOrder.areInIncreasingOrder(before, after))
        #expect(!NaturalOrder.areInIncreasingOrder(after, before))
        #expect(!NaturalOrder.areInIncreasingOrder(before, before))
    }

    @Test("Missed lines form one range while no covered measured line lies between them")
    func missedRanges() {
        let lines = [(1, 1), (3, 0), (4, 0), (7, 0), (8, 1), (9, 0), (20, 1), (21, 0)].map {
            LineCoverage(number: $0.0, hits: Int64($0.1))
        }
        let ranges = MissedRanges(lines).ranges.map { MissedRanges.text($0) }
        #expect(ranges == ["3-7", "9", "21"])
        #expect(MissedRanges([]).isEmpty)
    }

    @Test("Lines that became uncovered form one range while no other measured line lies between them")
    func selectedRanges() {
        let lines = [1, 3, 4, 7, 8, 9, 20, 21, 30].map { LineCoverage(number: $0, hits: 0) }
        func text(_ numbers: [Int]) -> [String] {
            MissedRanges(selected: numbers, of: lines).ranges.map { MissedRanges.text($0) }
        }
        // 4 and 7 join (5 and 6 are not measured); 8 is measured and not selected, so 9 starts anew.
        #expect(text([3, 4, 7, 9, 20, 21, 30]) == ["3-7", "9-30"])
        #expect(text([3, 4, 7, 9, 20, 30]) == ["3-7", "9-20", "30"])
        #expect(text([1, 30]) == ["1", "30"])
        #expect(text([]).isEmpty)
        // A number that is no measured line is still listed, on its own.
        #expect(text([2, 3, 4, 31]) == ["2", "3-4", "31"])
    }
}
