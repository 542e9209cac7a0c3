import FuzzSupport
import Ingest

/// Any bytes as JUnit XML: results or an `IngestError`, and results that add up, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJUnit(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = InputFile.write(data, count)
    guard let results = try? JUnitParser().parse(contentsOf: path) else { return 0 }
    precondition(results.passed + results.failures + results.errors + results.skipped == results.tests)
    precondition(results.collectionErrors <= results.errors)
    return 0
}
