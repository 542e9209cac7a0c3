import CoverageModel
import Foundation
import Testing

@testable import HistoryStore

/// The value `file_counts` holds for a run's component: what goes in comes back, in path id order,
/// and bytes this version did not write are refused (the reader then reads the rows).
struct FileCountsTests {
    @Test("Path ids and counts come back in path id order, whatever the order and size of the numbers")
    func roundTrip() throws {
        let files: [(pathID: Int64, counts: Counts)] = [
            (90_000_000_000, Counts(linesValid: 1 << 40, linesCovered: 0, branchesValid: 3, branchesCovered: 2)),
            (1, Counts(linesValid: 0, linesCovered: 0, branchesValid: 0, branchesCovered: 0)),
            (128, Counts(linesValid: 300, linesCovered: 299, branchesValid: 0, branchesCovered: 0)),
            (2, Counts(linesValid: -5, linesCovered: Int.min, branchesValid: Int.max, branchesCovered: 1)),
        ]
        let decoded = try #require(FileCounts.decode([UInt8](FileCounts.encode(files))))
        let sorted = files.sorted { $0.pathID < $1.pathID }
        #expect(decoded.pathIDs == sorted.map(\.pathID))
        #expect(decoded.counts == sorted.map(\.counts))
        let empty = try #require(FileCounts.decode([UInt8](FileCounts.encode([]))))
        #expect(empty.pathIDs.isEmpty && empty.counts.isEmpty)
    }

    @Test("Another format, a value cut short or with bytes left over, and path ids that repeat are refused")
    func refused() {
        let counts = Counts(linesValid: 10, linesCovered: 4, branchesValid: 2, branchesCovered: 1)
        let good = [UInt8](FileCounts.encode([(5, counts), (9, counts)]))
        #expect(FileCounts.decode(good) != nil)
        #expect(FileCounts.decode([]) == nil)
        #expect(FileCounts.decode([2] + good.dropFirst()) == nil, "another format")
        for length in 1..<good.count {
            #expect(FileCounts.decode(Array(good.prefix(length))) == nil, "cut at \(length)")
        }
        #expect(FileCounts.decode(good + [0]) == nil, "a byte left over")
        // A count larger than the bytes could hold is refused before anything is reserved.
        #expect(FileCounts.decode([FileCounts.format, 0xff, 0xff, 0xff, 0xff, 0x0f]) == nil)
        // The second file's step is 0: the same path id twice.
        #expect(FileCounts.decode([FileCounts.format, 2, 5, 20, 8, 4, 2, 0, 20, 8, 4, 2]) == nil)
        #expect(FileCounts.decode([FileCounts.format, 2, 5, 20, 8, 4, 2, 1, 20, 8, 4, 2])?.pathIDs == [5, 6])
    }
}
