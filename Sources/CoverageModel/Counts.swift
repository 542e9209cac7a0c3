/// Line and branch counts, in Cobertura's vocabulary. Rates are always computed from these.
public struct Counts: Sendable, Hashable {
    /// Lines that can be covered (`<line>` elements, after merging).
    public var linesValid: Int
    /// Lines with `hits > 0`.
    public var linesCovered: Int
    /// Branch outcomes that can be taken, from `condition-coverage`'s `(covered/valid)`.
    public var branchesValid: Int
    /// Branch outcomes taken.
    public var branchesCovered: Int

    public init(linesValid: Int = 0, linesCovered: Int = 0, branchesValid: Int = 0, branchesCovered: Int = 0) {
        self.linesValid = linesValid
        self.linesCovered = linesCovered
        self.branchesValid = branchesValid
        self.branchesCovered = branchesCovered
    }

    public static let zero = Counts()

    /// Covered share of lines in 0…1, or `nil` when no line can be covered.
    public var lineRate: Double? { Self.rate(linesCovered, of: linesValid) }

    /// Covered share of branches in 0…1, or `nil` when branches were not measured.
    public var branchRate: Double? { Self.rate(branchesCovered, of: branchesValid) }

    /// Lines that can be covered but were not.
    public var linesMissed: Int { linesValid - linesCovered }

    /// Whether any branch was measured; zero branches means "not measured", never 100 %.
    public var measuresBranches: Bool { branchesValid > 0 }

    public static func + (lhs: Counts, rhs: Counts) -> Counts {
        Counts(
            linesValid: lhs.linesValid + rhs.linesValid,
            linesCovered: lhs.linesCovered + rhs.linesCovered,
            branchesValid: lhs.branchesValid + rhs.branchesValid,
            branchesCovered: lhs.branchesCovered + rhs.branchesCovered
        )
    }

    public static func += (lhs: inout Counts, rhs: Counts) { lhs = lhs + rhs }

    private static func rate(_ covered: Int, of valid: Int) -> Double? {
        valid > 0 ? Double(covered) / Double(valid) : nil
    }
}

extension Sequence where Element == Counts {
    /// The sum of all counts.
    public func total() -> Counts { reduce(.zero, +) }
}
