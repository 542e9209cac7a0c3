import Formatting
import TestSupport
import Testing

/// Names in `String`'s order, the fast way and the general one.
struct NameOrderTests {
    @Test(
        "Sorted indices follow String's order, for ASCII and for other names",
        arguments: [
            ["src/b.py", "src/a.py", "src/a", "src", "Src/z.py", "src/a.pyc"],
            ["é.py", "e.py", "f.py", "e\u{301}x.py", "ß", "a"],
            ["a", "b", "c"], [],
        ])
    func sortsAsStrings(_ names: [String]) {
        #expect(NameOrder.sortedIndices(names).map { names[$0] } == names.sorted())
    }

    @Test(
        "Many names (each half sorted on its own core, then merged): String's order, equal names in their first order",
        arguments: [NameOrder.halvesFrom, NameOrder.halvesFrom + 1, 20_001])
    func sortsManyNamesStably(_ count: Int) {
        var generator = SeededRandom(seed: UInt64(count))
        // Paths that share folders, with each name given to three positions.
        let names = (0..<count).map { _ in
            let number = Int.random(in: 0..<(count / 3), using: &generator)
            return "src/pkg\(number % 97)/module_\(number).py"
        }
        let expected = names.indices.sorted { names[$0] != names[$1] ? names[$0] < names[$1] : $0 < $1 }
        #expect(NameOrder.sortedIndices(names) == expected)
    }

    @Test(
        "Names sorted as they come, block by block, then merged: the order sortedIndices gives, equal names stable",
        arguments: [1, 3, 64, 2_048])
    func incrementalEqualsSorted(_ blockSize: Int) {
        var generator = SeededRandom(seed: UInt64(blockSize))
        let random = (0..<5_000).map { _ in
            let number = Int.random(in: 0..<1_700, using: &generator)
            return number % 11 == 0 ? "" : "src/pkg\(number % 37)/m\(number).py"
        }
        let cases: [[String]] = [
            [], ["a"], random, random.sorted(), random.sorted().reversed(),
            // A name that is not ASCII early, late, and as the last of a full block.
            ["é.py"] + random.prefix(300), random.prefix(300) + ["e\u{301}x.py", "f.py"],
            Array(random.prefix(blockSize - 1)) + ["ß"],
        ]
        for names in cases {
            var incremental = NameOrder.Incremental(blockSize: blockSize)
            for name in names { incremental.append(name) }
            #expect(incremental.count == names.count)
            #expect(incremental.sortedIndices() == NameOrder.sortedIndices(names), "\(names.count) names")
        }
    }

    @Test(
        "Names of two orders joined, each sorted in its own blocks: the order of all names appended to one",
        arguments: [1, 3, 64, 2_048])
    func joinedEqualsSorted(_ blockSize: Int) {
        var generator = SeededRandom(seed: UInt64(blockSize) + 99)
        let random = (0..<3_000).map { _ in "src/pkg\(Int.random(in: 0..<40, using: &generator))/m.py" }
        let cases: [[String]] = [[], ["a"], random, random.sorted(), Array(random.prefix(200)) + ["é.py"] + random]
        for names in cases {
            for cut in Set([0, 1, names.count / 3, names.count / 2, max(0, names.count - 1), names.count])
            where cut <= names.count {
                var first = NameOrder.Incremental(blockSize: blockSize)
                var second = NameOrder.Incremental(blockSize: blockSize)
                for name in names[..<cut] { first.append(name) }
                for name in names[cut...] { second.append(name) }
                first.append(contentsOf: second)
                // Names appended after the join go on sorting in blocks.
                first.append("b")
                #expect(first.count == names.count + 1)
                #expect(
                    first.sortedIndices() == NameOrder.sortedIndices(names + ["b"]), "\(names.count) names, cut \(cut)")
            }
        }
    }

    @Test(
        "Permuting in place puts each value where the order says, for every cycle shape", arguments: [0, 1, 2, 7, 500])
    func permuteInPlace(_ count: Int) {
        var generator = SeededRandom(seed: UInt64(count))
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        // Values are strings, so a wrong swap or a lost value shows as a different array.
        var values = (0..<count).map { "v\($0)" }
        let expected = order.map { values[$0] }
        NameOrder.permute(&values, into: order)
        #expect(values == expected)
    }
}
