/// The unit of coverage: one source file, merged from every `<class>` that names it.
public struct SourceFile: Sendable, Hashable {
    /// The class `filename` as written, with `\` turned into `/`. Identifies the file in its report.
    public var name: String
    /// The path relative to the source root when the file resolved under it; `nil` otherwise.
    public var key: String?
    /// Measured lines, sorted by number, each number once.
    public var lines: [LineCoverage]
    /// coverage.py's `missing-branches` by line number: the targets (line numbers or `exit`) never
    /// jumped to, as written. Empty for other producers.
    public var missingBranches: [Int: String]
    /// The report's `<method>` entries for this file, by first line (`FunctionCoverage.normalized`);
    /// empty when the producer writes none.
    public var functions: [FunctionCoverage]
    /// Counts recomputed from `lines`.
    public private(set) var counts: Counts

    /// - Parameter lines: sorted by number here when they are not already (readers hand them sorted;
    ///   the renderer and `NewlyUncovered` walk them in order).
    public init(
        name: String, key: String? = nil, lines: [LineCoverage], missingBranches: [Int: String] = [:],
        functions: [FunctionCoverage] = []
    ) {
        self.name = name
        self.key = key
        var lines = lines
        if zip(lines, lines.dropFirst()).contains(where: { $0.number > $1.number }) {
            lines = lines.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }.map(
                \.element)
        }
        self.lines = lines
        self.missingBranches = missingBranches
        self.functions = FunctionCoverage.normalized(functions)
        self.counts = Self.counts(of: lines)
    }

    /// Where the file is shown: its repository-relative key, else its normalized name.
    public var displayPath: String { key ?? name }

    private static func counts(of lines: [LineCoverage]) -> Counts {
        var counts = Counts()
        for line in lines {
            counts.linesValid += 1
            if line.isCovered { counts.linesCovered += 1 }
            counts.branchesValid += Int(line.branchesValid)
            counts.branchesCovered += Int(line.branchesCovered)
        }
        return counts
    }
}
