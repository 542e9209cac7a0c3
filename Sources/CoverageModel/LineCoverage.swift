/// One measured source line of a file, after merging every `<line>` that named it.
///
/// Kept to 24 bytes with no reference-counted fields: a large report holds millions of these.
/// coverage.py's `missing-branches` live beside the lines, in `SourceFile.missingBranches`.
public struct LineCoverage: Sendable, Hashable {
    /// Execution count. coverage.py writes only 0 or 1; gcovr, tarpaulin and others write real counts.
    public var hits: Int64
    private var storedNumber: Int32
    /// Branch outcomes on this line, from `condition-coverage` when `branch="true"`; 0 otherwise.
    public var branchesValid: Int32
    /// Branch outcomes taken.
    public var branchesCovered: Int32

    public init(number: Int, hits: Int64, branchesValid: Int32 = 0, branchesCovered: Int32 = 0) {
        self.hits = hits
        self.storedNumber = Int32(clamping: number)
        self.branchesValid = branchesValid
        self.branchesCovered = branchesCovered
    }

    /// The line number as the producer wrote it.
    public var number: Int {
        get { Int(storedNumber) }
        set { storedNumber = Int32(clamping: newValue) }
    }

    /// A line is covered when it ran at least once.
    public var isCovered: Bool { hits > 0 }

    /// Whether the line carries branch outcomes.
    public var isBranch: Bool { branchesValid > 0 }

    /// Covered with some branch outcome never taken.
    public var isPartial: Bool { isCovered && branchesCovered < branchesValid }

    /// Whether `other`'s branch data wins over this line's when the two are merged: more branches,
    /// then more covered (docs/counting.md, rule 5).
    public func branchDataLoses(to other: LineCoverage) -> Bool {
        (other.branchesValid, other.branchesCovered) > (branchesValid, branchesCovered)
    }

    /// Merges another record of the same line: the larger hit count; the branch data with more
    /// branches, then more covered (docs/counting.md, rule 5).
    public func merged(with other: LineCoverage) -> LineCoverage {
        var result = self
        result.hits = max(hits, other.hits)
        if branchDataLoses(to: other) {
            result.branchesValid = other.branchesValid
            result.branchesCovered = other.branchesCovered
        }
        return result
    }
}
