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

    /// Some of a file's measured lines (`numbers`, ascending: the lines that became uncovered) as
    /// ranges: they join one range while no other measured line lies between them.
    init(selected numbers: [Int], of lines: [LineCoverage]) {
        var ranges: [(first: Int, last: Int)] = []
        var open: (first: Int, last: Int)?
        var next = 0
        for line in lines {
            while next < numbers.count, numbers[next] < line.number {
                // Not a measured line (never the case for lines that became uncovered): kept on its own.
                if let range = open { ranges.append(range) }
                open = nil
                ranges.append((numbers[next], numbers[next]))
                next += 1
            }
            if next < numbers.count, numbers[next] == line.number {
                open = (open?.first ?? line.number, line.number)
                next += 1
            } else if let range = open {
                ranges.append(range)
                open = nil
            }
        }
        if let range = open { ranges.append(range) }
        ranges += numbers[next...].map { ($0, $0) }
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
