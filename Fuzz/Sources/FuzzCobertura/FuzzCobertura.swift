import FuzzSupport
import Ingest

/// Any bytes as a Cobertura report: the reader must return a report or an `IngestError`, and a
/// report's counts must be consistent, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCobertura(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = InputFile.write(data, count)
    guard let report = try? CoberturaParser().parse(contentsOf: path) else { return 0 }
    for file in report.files {
        let counts = file.counts
        precondition(counts.linesCovered <= counts.linesValid && counts.branchesCovered <= counts.branchesValid)
        precondition(zip(file.lines, file.lines.dropFirst()).allSatisfy { $0.number < $1.number })
        precondition(file.lines.allSatisfy { $0.number >= 1 && $0.hits >= 0 })
    }
    return 0
}
