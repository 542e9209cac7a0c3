import FuzzSupport
@_spi(Fuzzing) import HistoryStore
import Ingest

/// Any bytes as a Cobertura report: the reader must return a report or an `IngestError`, and a
/// report's counts must be consistent, never trap. Read in two parts at once (split at the first
/// `<class` tag past the middle, as large reports are), it must give exactly what one parser gives:
/// the same report, or the same error at the same place. A report that `generate` would draw
/// from memory (`ReportArchive.decodedForm`) must be what its archive decodes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCobertura(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = InputFile.write(data, count)
    let whole = Result { () throws(IngestError) in try CoberturaParser.whole.parse(contentsOf: path) }
    let split = Result { () throws(IngestError) in try CoberturaParser.splitting(at: 0.5).parse(contentsOf: path) }
    precondition(split == whole, "read in two parts: \(split)\nread whole: \(whole)")
    guard case .success(let report) = whole else { return 0 }
    for file in report.files {
        let counts = file.counts
        precondition(counts.linesCovered <= counts.linesValid && counts.branchesCovered <= counts.branchesValid)
        precondition(zip(file.lines, file.lines.dropFirst()).allSatisfy { $0.number < $1.number })
        precondition(file.lines.allSatisfy { $0.number >= 1 && $0.hits >= 0 })
    }
    if let form = ReportArchive.decodedForm(of: report, tests: nil) {
        let archived = ReportArchive.decode(ReportArchive.encode(report, tests: nil))
        precondition(archived?.report == form.report && archived?.tests == nil, "decodedForm differs from the archive")
    }
    return 0
}
