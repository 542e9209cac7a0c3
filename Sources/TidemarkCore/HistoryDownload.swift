import Concurrency
import CoverageModel
import Foundation
import HistoryStore

/// `history.jsonl.gz`, the history a site carries: every run in the `history export` format,
/// gzip-compressed, so a CI job with no cache and no database can restore the history from the last
/// published site (`--history-from`).
///
/// Runs go into gzip members of `runsPerMember` runs each (oldest first), keyed by their run ids:
/// a render copies the members of the published file whose runs did not change, so a new run costs
/// the compression of one member, not of the whole history. A full render writes the same bytes.
enum HistoryDownload {
    static let fileName = "history.jsonl.gz"
    static let runsPerMember = 256

    /// The members' keys: a hash of each member's run ids.
    static func keys(of runs: [RunSummary]) -> [[UInt8]] {
        stride(from: 0, to: runs.count, by: runsPerMember).map { start in
            let ids = runs[start..<min(start + runsPerMember, runs.count)].map(\.id)
            return Array(RunIdentity.sha256("tidemark-history-member-v1\n" + ids.joined(separator: "\n")).utf8)
        }
    }

    /// The page key of the whole file: it changes exactly when a member does.
    static func pageKey(_ keys: [[UInt8]]) -> String {
        "history-v1-" + RunIdentity.sha256(keys.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ","))
    }

    /// The file's bytes for `runs` (oldest first; per-file counts are read from `store` for the members
    /// that cannot be copied from `previous`, the published file's bytes).
    static func build(runs: [RunSummary], keys: [[UInt8]], store: HistoryStore, previous: [UInt8]?) throws(HistoryError)
        -> [UInt8]
    {
        var reusable: [[UInt8]: [UInt8]] = [:]
        if let previous, let members = GzipMembers.members(of: previous) {
            for member in members { reusable[member.key] = Array(previous[member.range]) }
        }
        let missing = keys.indices.filter { reusable[keys[$0]] == nil }
        // The runs of the members to compress, with their files: all at once when most are missing.
        let ids = missing.flatMap { index in
            runs[(index * runsPerMember)..<min((index + 1) * runsPerMember, runs.count)].map(\.id)
        }
        let withFiles =
            ids.count > runs.count / 2 ? try store.runs(includingFiles: true) : try store.runs(identities: ids)
        let byID = Dictionary(withFiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let compressed = Slots<[UInt8]>(count: missing.count)
        DispatchQueue.concurrentPerform(iterations: missing.count) { slot in
            let index = missing[slot]
            var text: [UInt8] = []
            for run in runs[(index * runsPerMember)..<min((index + 1) * runsPerMember, runs.count)] {
                HistoryExchange.appendLine(byID[run.id] ?? run, to: &text)
            }
            compressed.set(slot, GzipMembers.member(text, key: keys[index]))
        }
        var fresh: [Int: [UInt8]] = [:]
        for (slot, index) in missing.enumerated() { fresh[index] = compressed.get(slot) }
        var bytes: [UInt8] = []
        for (index, key) in keys.enumerated() { bytes += fresh[index] ?? reusable[key] ?? [] }
        return bytes
    }
}
