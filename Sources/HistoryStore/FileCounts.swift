import CoverageModel
import Foundation

/// The value of `file_counts.counts`: a run's component's files as its `files` rows hold them, in
/// path id order. A format byte (1), the number of files, then per file the path id's step from the
/// previous one and the four counts, as varints (counts zigzag-encoded, as the rows allow any
/// integer): about 5 bytes per file, where reading rows cost 0.4 µs each.
enum FileCounts {
    static let format: UInt8 = 1

    /// The value of `files` (path ids and counts, any order; each path id once).
    static func encode(_ files: [(pathID: Int64, counts: Counts)]) -> Data {
        let sorted = files.sorted { $0.pathID < $1.pathID }
        var writer = ByteWriter()
        writer.bytes([format])
        writer.varint(UInt64(sorted.count))
        var previous: Int64 = 0
        for file in sorted {
            writer.varint(UInt64(bitPattern: file.pathID &- previous))
            previous = file.pathID
            writer.signed(Int64(file.counts.linesValid))
            writer.signed(Int64(file.counts.linesCovered))
            writer.signed(Int64(file.counts.branchesValid))
            writer.signed(Int64(file.counts.branchesCovered))
        }
        return writer.data
    }

    /// The path ids (rising) and counts of a value, or nil when it is not one this version wrote
    /// (another format, cut short, bytes left over, path ids that do not rise): the caller reads the
    /// rows instead.
    static func decode(_ value: [UInt8]) -> (pathIDs: [Int64], counts: [Counts])? {
        guard value.first == format else { return nil }
        var reader = ByteReader(value, at: 1)
        // Each file takes at least five bytes.
        guard let count = reader.count(bytesEach: 5) else { return nil }
        var pathIDs: [Int64] = []
        var counts: [Counts] = []
        pathIDs.reserveCapacity(count)
        counts.reserveCapacity(count)
        var previous: Int64 = 0
        for _ in 0..<count {
            guard let step = reader.varint(), step > 0 || pathIDs.isEmpty,
                let linesValid = reader.signed(), let linesCovered = reader.signed(),
                let branchesValid = reader.signed(), let branchesCovered = reader.signed()
            else { return nil }
            let (pathID, overflow) = previous.addingReportingOverflow(Int64(bitPattern: step))
            guard !overflow, pathIDs.isEmpty || pathID > previous else { return nil }
            previous = pathID
            pathIDs.append(pathID)
            counts.append(
                Counts(
                    linesValid: Int(truncatingIfNeeded: linesValid),
                    linesCovered: Int(truncatingIfNeeded: linesCovered),
                    branchesValid: Int(truncatingIfNeeded: branchesValid),
                    branchesCovered: Int(truncatingIfNeeded: branchesCovered)))
        }
        return reader.isAtEnd ? (pathIDs, counts) : nil
    }
}
