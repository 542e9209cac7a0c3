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
    /// Files ordered by magnitude (largest first, then by path); unchanged files are left out. A
    /// path listed twice in one run counts once, as first listed.
    public static func between(_ before: [FileSummary], _ after: [FileSummary], limit: Int = 10) -> [FileMove] {
        // Both lists sorted by path (the history stores them so) are walked side by side: hashing
        // every path of two 20 000-file runs was a fortieth of a large render.
        let old = byPath(before)
        let new = byPath(after)
        var moves: [FileMove] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            let move: FileMove
            if j == new.count || (i < old.count && old[i].path < new[j].path) {
                move = FileMove(path: old[i].path, before: old[i].counts, after: nil)
                i += 1
            } else if i == old.count || new[j].path < old[i].path {
                move = FileMove(path: new[j].path, before: nil, after: new[j].counts)
                j += 1
            } else {
                defer { (i, j) = (i + 1, j + 1) }
                if old[i].counts == new[j].counts { continue }
                move = FileMove(path: new[j].path, before: old[i].counts, after: new[j].counts)
            }
            if move.magnitude > 0 { moves.append(move) }
        }
        return Array(moves.sorted { ($1.magnitude, $0.path) < ($0.magnitude, $1.path) }.prefix(limit))
    }

    /// The files sorted by path, each path once (the first listed).
    private static func byPath(_ files: [FileSummary]) -> [FileSummary] {
        if zip(files, files.dropFirst()).allSatisfy({ $0.path < $1.path }) { return files }
        var seen = Set<String>()
        // A stable sort keeps the first of equal paths first.
        return files.enumerated().sorted { ($0.element.path, $0.offset) < ($1.element.path, $1.offset) }
            .map(\.element).filter { seen.insert($0.path).inserted }
    }
}
