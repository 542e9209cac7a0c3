import CoverageModel

/// Lines that ran in the previous run but not in this one.
public enum NewlyUncovered {
    /// Line numbers of `current` that are uncovered now and were covered in `previous`, sorted.
    ///
    /// Both files' lines are sorted by number (each number once), so one merge walk finds them
    /// without building a set per file.
    public static func lines(current: SourceFile, previous: SourceFile?) -> [Int] {
        guard let previous else { return [] }
        return lines(current: current.lines, previous: previous.lines)
    }

    /// `lines(current:previous:)` of two files' lines.
    public static func lines(current: [LineCoverage], previous: [LineCoverage]) -> [Int] {
        var result: [Int] = []
        var before = previous.makeIterator()
        var candidate = before.next()
        for line in current where !line.isCovered {
            while let earlier = candidate, earlier.number < line.number { candidate = before.next() }
            if let earlier = candidate, earlier.number == line.number, earlier.isCovered { result.append(line.number) }
        }
        return result
    }
}
