import CoverageModel
import Foundation
import Testing

@testable import Ingest

/// Repeated lines are merged as they are read: memory follows the distinct lines, and the result is
/// the same as merging once at the end (docs/counting.md, rule 5).
struct LineMergingTests {
    /// A deterministic stream of `count` lines over `distinct` numbers, with varying hits and branches.
    static func lines(_ count: Int, distinct: Int) -> [LineCoverage] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let valid = Int32(state >> 60) % 5
            return LineCoverage(
                number: index % distinct + 1, hits: Int64(state >> 58) % 4, branchesValid: valid,
                branchesCovered: valid == 0 ? 0 : Int32(state >> 40) % (valid + 1))
        }
    }

    /// Rule 5 applied directly: the larger hits, the branch data with more branches, then more covered.
    static func reference(_ lines: [LineCoverage]) -> [LineCoverage] {
        var merged: [Int: LineCoverage] = [:]
        for line in lines { merged[line.number] = merged[line.number].map { $0.merged(with: line) } ?? line }
        return merged.values.sorted { $0.number < $1.number }
    }

    @Test("One class repeating 10 lines 30 000 times never holds more than 2^16 lines, and merges as rule 5 says")
    func repeatsInOneClass() {
        let stream = Self.lines(300_000, distinct: 10)
        var batch = LineBatch()
        var largest = 0
        for line in stream {
            batch.append(line, missing: nil)
            largest = max(largest, batch.lines.count)
        }
        #expect(largest <= LineMerging.firstMerge)
        let file = FileAccumulator(name: "a.c")
        file.append(batch)
        #expect(file.finish().lines == Self.reference(stream))
    }

    @Test("30 000 classes naming one file with the same lines: the file holds a bounded number of lines")
    func repeatsAcrossClasses() {
        let stream = Self.lines(300_000, distinct: 10)
        let file = FileAccumulator(name: "a.c")
        var largest = 0
        var batch = LineBatch()
        for start in stride(from: 0, to: stream.count, by: 10) {
            batch.removeAll()
            for line in stream[start..<start + 10] { batch.append(line, missing: nil) }
            file.append(batch)
            largest = max(largest, file.lines.count)
        }
        #expect(largest <= 2 * LineMerging.firstMerge)
        #expect(file.finish().lines == Self.reference(stream))
    }

    @Test("Missing branches follow the winning entry whether lines merge early or at the end")
    func missingBranchesFollowTheWinner() {
        let stream = Self.lines(150_000, distinct: 7)
        let targets = stream.indices.map { "t\($0)" }
        // Expected: of each number's entries whose branch data equals the merged line's, the last one.
        let merged = Self.reference(stream)
        var expected: [Int: String] = [:]
        for (index, line) in stream.enumerated() {
            let winner = merged[line.number - 1]
            if winner.branchesValid == line.branchesValid, winner.branchesCovered == line.branchesCovered {
                expected[line.number] = targets[index]
            }
        }
        var batch = LineBatch()
        for (index, line) in stream.enumerated() {
            var bytes = Array(targets[index].utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in batch.append(line, missing: UnsafeBufferPointer(buffer)) }
        }
        #expect(batch.missing.count <= LineMerging.firstMerge)
        let file = FileAccumulator(name: "a.py")
        file.append(batch)
        let result = file.finish()
        #expect(result.lines == merged)
        #expect(result.missingBranches == expected)
    }

    @Test("Ascending lines are never merged or copied early")
    func ascendingStaysFast() {
        var batch = LineBatch()
        for number in 1...100_000 { batch.append(LineCoverage(number: number, hits: 1), missing: nil) }
        #expect(batch.isAscending && !batch.wasMerged && batch.lines.count == 100_000)
    }
}
