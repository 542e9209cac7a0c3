import CoverageModel
import Foundation
@_spi(Fuzzing) import HistoryStore

/// Any bytes as a history's per-line archive. An even first byte: the rest is the raw archive,
/// compressed here as the store would (so the fuzzer explores the format, not zlib); odd: the rest is
/// the stored blob itself (size prefix and zlib stream). Either decodes or gives `nil`, never traps;
/// the previous run's reading (`previousFiles`) refuses the same blobs and reads the same lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    let rest = Array(bytes.dropFirst())
    let blob = bytes[0] & 1 == 0 ? ReportArchive.compress(rest) : Data(rest)
    let previous = ReportArchive.previousFiles(blob)
    guard let decoded = ReportArchive.decode(blob) else {
        precondition(previous == nil, "previousFiles read a blob decode refuses")
        return 0
    }
    guard let previous else { preconditionFailure("previousFiles refused a blob decode reads") }
    precondition(previous.displayPaths == decoded.report.files.map(\.displayPath))
    for (index, file) in decoded.report.files.enumerated() {
        var lines: [LineCoverage] = []
        previous.forEachLine(ofFile: index) { lines.append($0) }
        precondition(lines == file.lines, "previousFiles read other lines than decode")
    }
    // An archive of version 2 or later that decodes must encode again and come back the same, and be
    // what `decodedForm` makes of its report (version 1 is read leniently, so its oddities are not
    // written again). This checked only version 2 until 7 December, after version 3 was added.
    if bytes[0] & 1 == 0, rest.count >= 4, rest.starts(with: Array("TMR".utf8)), rest[3] >= UInt8(ascii: "2") {
        let again = ReportArchive.decode(ReportArchive.encode(decoded.report, tests: decoded.tests))
        precondition(again?.report == decoded.report && again?.tests == decoded.tests)
        let form = ReportArchive.decodedForm(of: decoded.report, tests: decoded.tests)
        precondition(form?.report == decoded.report && form?.tests == decoded.tests, "decodedForm differs")
    }
    return 0
}
