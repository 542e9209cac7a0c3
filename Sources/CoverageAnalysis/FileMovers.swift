import CoverageModel

/// A file whose coverage moved between two runs.
public struct FileMove: Sendable, Equatable {
    public let path: String
    public let before: Counts?
    public let after: Counts?

    /// Lines that became covered (negative: lost coverage).
    public var coveredChange: Int { (after?.linesCovered ?? 0) - (before?.linesCovered ?? 0) }
    /// Lines that became uncovered (negative: fewer misses).
    public var missedChange: Int { (after?.linesMissed ?? 0) - (before?.linesMissed ?? 0) }
    /// How much the file moved: covered and uncovered changes together.
    public var magnitude: Int { abs(coveredChange) + abs(missedChange) }
}

/// "Biggest movers": the files whose covered and uncovered line counts changed most between two runs.
public enum FileMovers {
    /// Files ordered by magnitude (largest first, then by path); unchanged files are left out.
    public static func between(_ before: [FileSummary], _ after: [FileSummary], limit: Int = 10) -> [FileMove] {
        let old = Dictionary(before.map { ($0.path, $0.counts) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.path, $0.counts) }, uniquingKeysWith: { first, _ in first })
        let paths = Set(old.keys).union(new.keys)
        let moves = paths.map { FileMove(path: $0, before: old[$0], after: new[$0]) }.filter { $0.magnitude > 0 }
        return Array(moves.sorted { ($1.magnitude, $0.path) < ($0.magnitude, $1.path) }.prefix(limit))
    }
}
