import CoverageModel

/// A file's missed lines as compact ranges (`20-27, 31`), as coverage.py and pycobertura write them:
/// missed lines join one range while no covered measured line lies between them, so blank lines and
/// comments do not split a block. Drawn from the report alone, so it works without the source.
struct MissedRanges: Sendable, Equatable {
    /// First and last line of each range, ascending.
    let ranges: [(first: Int, last: Int)]

    init(_ lines: [LineCoverage]) {
        var ranges: [(first: Int, last: Int)] = []
        var open: (first: Int, last: Int)?
        for line in lines {
            if line.isCovered {
                if let range = open { ranges.append(range) }
                open = nil
            } else if let range = open {
                open = (range.first, line.number)
            } else {
                open = (line.number, line.number)
            }
        }
        if let range = open { ranges.append(range) }
        self.ranges = ranges
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// `20-27` or `31`.
    static func text(_ range: (first: Int, last: Int)) -> String {
        range.first == range.last ? String(range.first) : "\(range.first)-\(range.last)"
    }

    static func == (lhs: MissedRanges, rhs: MissedRanges) -> Bool {
        lhs.ranges.elementsEqual(rhs.ranges) { $0.first == $1.first && $0.last == $1.last }
    }
}
