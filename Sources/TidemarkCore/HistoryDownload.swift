import Concurrency
import CoverageModel
import Foundation
import HistoryStore

/// `history.jsonl.gz`, the history a site carries: every run in the `history export` format,
/// gzip-compressed, so a CI job with no cache and no database can restore the history from the last
/// published site (`--history-from`).
///
/// Runs go into gzip members (oldest first), keyed by their run ids: a render copies the members of
/// the published file whose runs did not change, so a new run costs the compression of one member,
/// not of the whole history. A full render writes the same bytes.
enum HistoryDownload {
    static let fileName = "history.jsonl.gz"
    static let runsPerMember = 256
    /// File rows a member holds at most, when its runs have files: about 500 KB of text, far over
    /// deflate's 32 KB window, so larger members would not compress better.
    static let rowsPerMember = 4_096

    /// Runs per full member for runs of `filesPerRun` files: `runsPerMember`, halved until the
    /// member holds at most `rowsPerMember` file rows (one run each for 4 096 files or more).
    static func runsPerMember(filesPerRun: Int) -> Int {
        var runs = runsPerMember
        while runs > 1, runs * filesPerRun > rowsPerMember { runs /= 2 }
        return runs
    }

    /// The most files of a run among `runs` (the newest carry theirs; the others none): what the
    /// members' size is chosen by. The most, so that a project whose file count moves around a
    /// boundary does not change its members' size with each run (which rewrites the whole file).
    static func filesPerRun(_ runs: [RunSummary]) -> Int {
        runs.map { $0.components.reduce(0) { $0 + $1.files.count } }.max() ?? 0
    }

    /// Which runs each member holds, from their number and the members' size alone: members of
    /// `size` runs (`runsPerMember(filesPerRun:)`), then the rest in members of falling powers of
    /// two (200 runs of 256: 128, 64 and 8). A new run then rewrites a member of 1 run, or of 2, 4,
    /// … as the counting carries: 5 runs on average and `size` at most, where one member for
    /// the last 256 runs rewrote 128 on average. A tick of a 20 000-file project 200 runs into its
    /// member rewrote 4 million file rows; with members of 256 runs it still rewrote 5 runs on
    /// average (100 000 rows, about 1 G instructions of compression), and with one run a member, one.
    static func members(count: Int, size: Int = runsPerMember) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while count - start >= size {
            ranges.append(start..<(start + size))
            start += size
        }
        var part = size / 2
        while start < count {
            if count - start >= part {
                ranges.append(start..<(start + part))
                start += part
            }
            part /= 2
        }
        return ranges
    }

    /// Which runs each member of `runs`' file holds.
    static func members(of runs: [RunSummary]) -> [Range<Int>] {
        members(count: runs.count, size: runsPerMember(filesPerRun: filesPerRun(runs)))
    }

    /// The members' keys: a hash of each member's run ids.
    static func keys(of runs: [RunSummary]) -> [[UInt8]] {
        members(of: runs).map { range in
            let ids = runs[range].map(\.id)
            return Array(RunIdentity.sha256("tidemark-history-member-v1\n" + ids.joined(separator: "\n")).utf8)
        }
    }

    /// The page key of the whole file: it changes exactly when a member does.
    static func pageKey(_ keys: [[UInt8]]) -> String {
        "history-v1-" + RunIdentity.sha256(keys.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ","))
    }

    /// File rows read at once while a member is written: about 10 MB of counts and paths.
    static let rowsPerRead = 100_000

    /// The file's bytes for `runs` (oldest first; per-file counts are read from `store` for the members
    /// that cannot be copied from `previous`: files this writes, such as the published one). The runs
    /// from index `withFiles` on carry their files already (the newest, read for the sparklines), so a
    /// member of new runs is written without reading them again.
    ///
    /// A member's runs are read a part at a time (about `rowsPerRead` file rows), on this thread,
    /// while other threads turn the parts read before into text and compress them. Memory holds a
    /// few parts, not the history: reading every run's files at once took 675 MB (21 s) to render
    /// 100 runs of 20 000 files into a new folder, 217 MB (7.9 s) in parts, and would have taken
    /// gigabytes for 1 000 runs.
    static func build(
        runs: [RunSummary], keys: [[UInt8]], store: HistoryStore, previous: [[UInt8]], withFiles: Int? = nil,
        rowsPerRead: Int = rowsPerRead
    ) throws(HistoryError) -> [UInt8] {
        try start(
            runs: runs, keys: keys, store: store, previous: previous, withFiles: withFiles, rowsPerRead: rowsPerRead
        ).bytes()
    }

    /// `build` up to its last step: the runs are read and their members are being compressed on other
    /// threads when this returns, so that the caller can work meanwhile and take the bytes later.
    static func start(
        runs: [RunSummary], keys: [[UInt8]], store: HistoryStore, previous: [[UInt8]], withFiles: Int? = nil,
        rowsPerRead: Int = rowsPerRead
    ) throws(HistoryError) -> Pending {
        let withFiles = withFiles ?? runs.count
        var reusable: [[UInt8]: [UInt8]] = [:]
        for file in previous {
            for member in GzipMembers.members(of: file) ?? [] where reusable[member.key] == nil {
                reusable[member.key] = Array(file[member.range])
            }
        }
        let ranges = members(of: runs)
        let missing = keys.indices.filter { reusable[keys[$0]] == nil }
        // Runs per read, from the widest of the runs given with their files (the newest ones): the
        // newest alone may have failed and carry none.
        let filesPerRun = filesPerRun(runs)
        let runsPerRead = max(1, min(runsPerMember, rowsPerRead / max(filesPerRun, 1)))
        let pending = Pending(keys: keys, reusable: reusable, missing: missing)
        // Parts go to their member's queue, in order; members are written on both cores at once.
        // Three parts at most wait or are written at a time.
        let inFlight = DispatchSemaphore(value: 3)
        do {
            for (slot, index) in missing.enumerated() {
                let writer = GzipMembers.Writer(key: keys[index])
                let queue = DispatchQueue(label: "tidemark.history-member", target: .global())
                let member = runs[ranges[index]]
                for start in stride(from: member.startIndex, to: member.endIndex, by: runsPerRead) {
                    let part = member[start..<min(start + runsPerRead, member.endIndex)]
                    let lines: [RunSummary]
                    if part.startIndex >= withFiles {
                        lines = Array(part)
                    } else {
                        let read = try store.runs(identities: part.map(\.id))
                        let byID = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                        lines = part.map { byID[$0.id] ?? $0 }
                    }
                    inFlight.wait()
                    queue.async(group: pending.writing) {
                        var text: [UInt8] = []
                        for run in lines { HistoryExchange.appendLine(run, to: &text) }
                        writer.add(text)
                        inFlight.signal()
                    }
                }
                queue.async(group: pending.writing) { pending.compressed.set(slot, writer.finish()) }
            }
        } catch {
            pending.writing.wait()
            throw error
        }
        return pending
    }

    /// Members being compressed on other threads, and the ones copied from earlier files.
    final class Pending: @unchecked Sendable {
        let keys: [[UInt8]]
        let reusable: [[UInt8]: [UInt8]]
        let missing: [Int]
        let compressed: Slots<[UInt8]>
        let writing = DispatchGroup()
        // An NSLock, as `SiteUpdate` explains: ThreadSanitizer does not see the standard library's Mutex.
        private let lock = NSLock()
        private var joined: [UInt8]?

        init(keys: [[UInt8]], reusable: [[UInt8]: [UInt8]], missing: [Int]) {
            (self.keys, self.reusable, self.missing) = (keys, reusable, missing)
            compressed = Slots(count: missing.count)
        }

        /// The file's bytes, once every member is compressed (joined once, however often asked).
        func bytes() -> [UInt8] {
            writing.wait()
            return lock.withLock {
                if let joined { return joined }
                var fresh: [Int: [UInt8]] = [:]
                for (slot, index) in missing.enumerated() { fresh[index] = compressed.get(slot) }
                var bytes: [UInt8] = []
                for (index, key) in keys.enumerated() { bytes += fresh[index] ?? reusable[key] ?? [] }
                joined = bytes
                return bytes
            }
        }
    }
}
