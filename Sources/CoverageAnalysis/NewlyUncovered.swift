import CoverageModel

/// Lines that ran in the previous run but not in this one.
public enum NewlyUncovered {
    /// Line numbers of `current` that are uncovered now and were covered in `previous`, sorted.
    public static func lines(current: SourceFile, previous: SourceFile?) -> [Int] {
        guard let previous else { return [] }
        let coveredBefore = Set(previous.lines.filter(\.isCovered).map(\.number))
        return current.lines.filter { !$0.isCovered && coveredBefore.contains($0.number) }.map(\.number)
    }
}
