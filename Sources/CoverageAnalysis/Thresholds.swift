import Formatting

/// A component's targets and tolerances. Every field is optional; `nil` turns its rule off.
/// Rates are in 0…1; tolerances in percentage points; shares in 0…1.
public struct Thresholds: Sendable, Equatable {
    /// Line coverage to reach (0…1).
    public var lineTarget: Double?
    /// Line coverage from which the target counts as approaching.
    public var lineWarning: Double?
    public var branchTarget: Double?
    public var branchWarning: Double?
    /// A drop of more than this many points against the previous run (trusted or not) or the last trusted run alerts.
    public var dropTolerance: Double?
    /// A drop of more than this many points against the median of the last `medianWindow` trusted runs.
    public var medianDropTolerance: Double?
    public var medianWindow: Int
    /// Lines-valid changing by more than this share (0.2 = 20 %) since the previous run is an anomaly.
    public var linesValidChange: Double?

    public init(
        lineTarget: Double? = nil, lineWarning: Double? = nil, branchTarget: Double? = nil,
        branchWarning: Double? = nil,
        dropTolerance: Double? = 1.0, medianDropTolerance: Double? = 2.0, medianWindow: Int = 5,
        linesValidChange: Double? = 0.2
    ) {
        self.lineTarget = lineTarget
        self.lineWarning = lineWarning
        self.branchTarget = branchTarget
        self.branchWarning = branchWarning
        self.dropTolerance = dropTolerance
        self.medianDropTolerance = medianDropTolerance
        self.medianWindow = medianWindow
        self.linesValidChange = linesValidChange
    }
}

extension Thresholds {
    /// The levels pages colour by: the configured targets and warning levels, defaults for the rest.
    public var levels: CoverageLevels {
        CoverageLevels(
            lineTarget: lineTarget, lineWarning: lineWarning, branchTarget: branchTarget, branchWarning: branchWarning)
    }
}
