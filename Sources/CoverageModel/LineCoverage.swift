/// One measured source line of a file, after merging every `<line>` that named it.
public struct LineCoverage: Sendable, Hashable, Codable {
    /// The 1-based line number as the producer wrote it.
    public var number: Int
    /// Execution count. coverage.py writes only 0 or 1; gcovr, tarpaulin and others write real counts.
    public var hits: Int64
    /// Branch outcomes on this line, from `condition-coverage` when `branch="true"`; 0 otherwise.
    public var branchesValid: Int32
    /// Branch outcomes taken.
    public var branchesCovered: Int32
    /// coverage.py's `missing-branches`: target lines (or `exit`) never jumped to, as written.
    public var missingBranches: String?

    public init(
        number: Int, hits: Int64, branchesValid: Int32 = 0, branchesCovered: Int32 = 0,
        missingBranches: String? = nil
    ) {
        self.number = number
        self.hits = hits
        self.branchesValid = branchesValid
        self.branchesCovered = branchesCovered
        self.missingBranches = missingBranches
    }

    /// A line is covered when it ran at least once.
    public var isCovered: Bool { hits > 0 }

    /// Whether the line carries branch outcomes.
    public var isBranch: Bool { branchesValid > 0 }

    /// Covered with some branch outcome never taken.
    public var isPartial: Bool { isCovered && branchesCovered < branchesValid }

    /// Merges another record of the same line: the larger hit count; the branch data with more
    /// branches, then more covered (RULES.md rule 5).
    public func merged(with other: LineCoverage) -> LineCoverage {
        var result = self
        result.hits = max(hits, other.hits)
        let otherWins = (other.branchesValid, other.branchesCovered) > (branchesValid, branchesCovered)
        if otherWins {
            result.branchesValid = other.branchesValid
            result.branchesCovered = other.branchesCovered
            result.missingBranches = other.missingBranches
        } else if result.missingBranches == nil {
            result.missingBranches = other.missingBranches
        }
        return result
    }
}
