import Foundation
@_spi(Fuzzing) import HistoryStore

/// Any bytes as a history's per-line archive. An even first byte: the rest is the raw archive,
/// compressed here as the store would (so the fuzzer explores the format, not zlib); odd: the rest is
/// the stored blob itself (size prefix and zlib stream). Either decodes or gives `nil`, never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    let rest = Array(bytes.dropFirst())
    let blob = bytes[0] & 1 == 0 ? ReportArchive.compress(rest) : Data(rest)
    guard let decoded = ReportArchive.decode(blob) else { return 0 }
    // A current-version archive that decodes must encode again and come back the same (version 1
    // is read leniently, so its oddities are not written again).
    if bytes[0] & 1 == 0, rest.starts(with: Array("TMR2".utf8)) {
        let again = ReportArchive.decode(ReportArchive.encode(decoded.report, tests: decoded.tests))
        precondition(again?.report == decoded.report && again?.tests == decoded.tests)
    }
    return 0
}
