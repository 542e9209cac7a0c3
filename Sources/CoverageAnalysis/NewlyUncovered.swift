import CoverageModel

/// Lines that ran in the previous run but not in this one.
public enum NewlyUncovered {
    /// Line numbers of `current` that are uncovered now and were covered in `previous`, sorted.
    public static func lines(current: SourceFile, previous: SourceFile?) -> [Int] {
        guard let previous else { return [] }
        return lines(current: current.lines, previous: previous.lines)
    }

    /// `lines(current:previous:)` of two files' lines.
    public static func lines(current: [LineCoverage], previous: [LineCoverage]) -> [Int] {
        lines(current: current) { body in
            for line in previous { body(line) }
        }
    }

    /// `lines(current:previous:)` of lines handed one by one, in order of number, by `previous` (a
    /// stored file's lines walked in place, `PreviousFiles`).
    ///
    /// Both files' lines are sorted by number (each number once), so one merge walk finds them
    /// without building a set per file: each line covered before is looked up among the current
    /// lines from where the last one was found.
    public static func lines(current: [LineCoverage], previous: ((LineCoverage) -> Void) -> Void) -> [Int] {
        var result: [Int] = []
        current.withUnsafeBufferPointer { now in
            var next = 0
            previous { earlier in
                guard earlier.isCovered else { return }
                while next < now.count, now[next].number < earlier.number { next += 1 }
                if next < now.count, now[next].number == earlier.number, !now[next].isCovered {
                    result.append(earlier.number)
                }
            }
        }
        return result
    }
}
