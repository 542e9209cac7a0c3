/// One function (Cobertura `<method>`) of a source file: where it starts and how much of it ran.
///
/// gcovr, Java Cobertura, coverlet, istanbul, cargo-llvm-cov, gocover and phpunit write `<methods>`;
/// coverage.py writes none. Its lines also count as the file's own lines only when the class has no
/// `<lines>` of its own (docs/counting.md); here they say how far each function was exercised.
public struct FunctionCoverage: Sendable, Hashable {
    /// The method's `name` as written (`foo`, `<init>`, `things_cli::main::{closure#0}`).
    public var name: String
    /// The method's `signature` as written; empty when absent.
    public var signature: String
    /// The lowest line number among the method's lines; 0 when it lists none.
    public var line: Int
    /// How often the function ran: the method's own `hits` (istanbul), else the hits of its first
    /// line; nil when the report does not say, a method with neither (gcovr writes `<lines/>` for
    /// some inline functions of headers, with a `line-rate` of 1 whether they ran or not).
    public var hits: Int64?
    /// The method's `<line>` elements, and how many of them ran.
    public var linesValid: Int
    public var linesCovered: Int

    public init(name: String, signature: String = "", line: Int, hits: Int64?, linesValid: Int, linesCovered: Int) {
        self.name = name
        self.signature = signature
        self.line = line
        self.hits = hits
        self.linesValid = linesValid
        self.linesCovered = linesCovered
    }

    /// The same function listed twice (cargo-llvm-cov repeats monomorphised closures): one entry,
    /// with the larger counts.
    public func merged(with other: FunctionCoverage) -> FunctionCoverage {
        var result = self
        result.hits = [hits, other.hits].compactMap { $0 }.max()
        result.linesValid = max(linesValid, other.linesValid)
        result.linesCovered = max(linesCovered, other.linesCovered)
        return result
    }

    /// Functions by first line, then name and signature, each (name, signature, line) once.
    public static func normalized(_ functions: [FunctionCoverage]) -> [FunctionCoverage] {
        guard !functions.isEmpty else { return functions }
        let sorted = functions.sorted { ($0.line, $0.name, $0.signature) < ($1.line, $1.name, $1.signature) }
        var result: [FunctionCoverage] = []
        result.reserveCapacity(sorted.count)
        for function in sorted {
            if let last = result.last, last.line == function.line, last.name == function.name,
                last.signature == function.signature
            {
                result[result.count - 1] = last.merged(with: function)
            } else {
                result.append(function)
            }
        }
        return result
    }
}
