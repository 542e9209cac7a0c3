/// The tool that wrote a Cobertura report, as far as its dialect tells.
public enum Producer: String, Sendable, Hashable, Codable, CaseIterable {
    case coveragePy = "coverage.py"
    case tarpaulin
    case gcovr
    case grcov
    case cargoLlvmCov = "cargo-llvm-cov"
    case istanbul
    case coverlet
    case coberturaJava = "cobertura-java"
    case gocover
    case other

    /// A short default component name for reports of this producer ("python", "rust", …).
    public var defaultComponentName: String {
        switch self {
        case .coveragePy: "python"
        case .tarpaulin, .grcov, .cargoLlvmCov: "rust"
        case .gcovr: "c"
        case .istanbul: "javascript"
        case .coverlet: "dotnet"
        case .coberturaJava: "java"
        case .gocover: "go"
        case .other: "coverage"
        }
    }

    /// Whether hit counts are real execution counts (coverage.py writes only 0 and 1).
    public var recordsHitCounts: Bool { self != .coveragePy }
}
