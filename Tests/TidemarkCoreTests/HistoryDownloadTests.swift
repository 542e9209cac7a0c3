import Foundation
import HistoryStore
import TestSupport
import Testing

@testable import TidemarkCore

/// `history.jsonl.gz` is written a part at a time (`HistoryDownload.build`): the parts must not show.
struct HistoryDownloadTests {
    /// The time of run `run`: an hour after the one before.
    static func time(_ run: Int) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_700_000_000 + Double(run) * 3600))
    }

    /// An export of `count` runs of `files` files each, oldest first, every count consistent.
    static func series(runs count: Int, files: Int) -> String {
        (0..<count).map { run in
            let covered = (0..<files).map { (run + $0) % 10 }
            let list = covered.enumerated().map { file, lines in
                #"{"branchesCovered":0,"branchesValid":0,"linesCovered":\#(lines),"linesValid":10,"#
                    + #""path":"src/m\#(file).py"}"#
            }
            return #"{"branch":"main","buildURL":null,"commit":"c\#(run)","components":[{"branchesCovered":0,"#
                + #""branchesValid":0,"contentHash":"h\#(run)","files":[\#(list.joined(separator: ","))],"#
                + #""linesCovered":\#(covered.reduce(0, +)),"linesValid":\#(10 * files),"name":"python","#
                + #""producer":"coverage.py","reason":null,"status":"measured","tests":null}],"#
                + #""id":"run\#(run)","time":"\#(time(run))"}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test("Read a run at a time or a member at a time, the file is the same bytes, and holds the history's export")
    func partsDoNotShow() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        // 300 runs: members of 256, 32, 8 and 4 runs.
        _ = try store.importRuns(HistoryExchange.parse(Self.series(runs: 300, files: 7), path: "series.jsonl"))
        let runs = try store.runs(filesForLatest: 20)
        let keys = HistoryDownload.keys(of: runs)
        #expect(keys.count == 4)
        let byRun = try HistoryDownload.build(runs: runs, keys: keys, store: store, previous: [], rowsPerRead: 1)
        let byMember = try HistoryDownload.build(runs: runs, keys: keys, store: store, previous: [])
        #expect(byRun == byMember)
        let withFiles = try HistoryDownload.build(
            runs: runs, keys: keys, store: store, previous: [], withFiles: runs.count - 20)
        #expect(withFiles == byMember, "the newest runs' files as read for the sparklines, not read again")
        let text = try GzipMembers.decompress(byRun, limit: 1 << 30)
        #expect(String(decoding: text, as: UTF8.self) == HistoryExchange.export(try store.runs(includingFiles: true)))
        // After one more run, the four members are copied from the last file and a member of one run
        // is written: the same bytes as a file written from nothing.
        let next = Self.series(runs: 301, files: 7).split(separator: "\n").last.map(String.init) ?? ""
        #expect(try store.importRuns(HistoryExchange.parse(next + "\n", path: "next.jsonl")) == 1)
        let later = try store.runs(filesForLatest: 20)
        let laterKeys = HistoryDownload.keys(of: later)
        #expect(Array(laterKeys.prefix(4)) == keys && laterKeys.count == 5)
        let kept = try HistoryDownload.build(
            runs: later, keys: laterKeys, store: store, previous: [byRun], rowsPerRead: 3)
        #expect(kept == (try HistoryDownload.build(runs: later, keys: laterKeys, store: store, previous: [])))
        #expect(kept.starts(with: byRun))
    }

    @Test("Members hold 256 runs, then falling powers of two, so a new run rewrites few runs")
    func memberLayout() {
        #expect(HistoryDownload.members(count: 0).isEmpty)
        #expect(HistoryDownload.members(count: 3) == [0..<2, 2..<3])
        #expect(HistoryDownload.members(count: 200) == [0..<128, 128..<192, 192..<200])
        #expect(HistoryDownload.members(count: 256) == [0..<256])
        #expect(HistoryDownload.members(count: 513) == [0..<256, 256..<512, 512..<513])
        // The runs in members that one more run changes, over four full members of runs.
        var rewritten: [Int] = []
        for count in 0..<1024 {
            let before = Set(HistoryDownload.members(count: count))
            let after = HistoryDownload.members(count: count + 1)
            #expect(after.reduce(0) { $0 + $1.count } == count + 1 && after.first?.lowerBound ?? 0 == 0)
            rewritten.append(after.filter { !before.contains($0) }.reduce(0) { $0 + $1.count })
        }
        #expect(rewritten.max() == 256)
        // A binary counter's carries: 5 runs a tick on average over these 1 024 ticks.
        #expect(rewritten.reduce(0, +) == 5 * rewritten.count)
    }

    @Test("Runs of many files get members of fewer runs, so a new run rewrites about one run's rows")
    func memberSizeFollowsFiles() throws {
        #expect(HistoryDownload.runsPerMember(filesPerRun: 0) == 256)
        #expect(HistoryDownload.runsPerMember(filesPerRun: 16) == 256)
        #expect(HistoryDownload.runsPerMember(filesPerRun: 17) == 128)
        #expect(HistoryDownload.runsPerMember(filesPerRun: 1_000) == 4)
        #expect(HistoryDownload.runsPerMember(filesPerRun: 4_096) == 1)
        #expect(HistoryDownload.runsPerMember(filesPerRun: 20_000) == 1)
        #expect(HistoryDownload.members(count: 3, size: 1) == [0..<1, 1..<2, 2..<3])
        #expect(HistoryDownload.members(count: 7, size: 4) == [0..<4, 4..<6, 6..<7])
        for size in [1, 2, 4, 32] {
            var rewritten: [Int] = []
            for count in 0..<256 {
                let before = Set(HistoryDownload.members(count: count, size: size))
                let after = HistoryDownload.members(count: count + 1, size: size)
                #expect(after.reduce(0) { $0 + $1.count } == count + 1 && after.allSatisfy { $0.count <= size })
                rewritten.append(after.filter { !before.contains($0) }.reduce(0) { $0 + $1.count })
            }
            #expect(rewritten.max() == size, "members of \(size)")
        }
        // 1 100 files a run: members of two runs. One more run copies the full members and writes
        // the rest, the same bytes as a file written from nothing.
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        let series = Self.series(runs: 6, files: 1_100).split(separator: "\n").map { String($0) + "\n" }
        _ = try store.importRuns(HistoryExchange.parse(series.prefix(5).joined(), path: "series.jsonl"))
        let runs = try store.runs(filesForLatest: 20)
        #expect(HistoryDownload.members(of: runs) == [0..<2, 2..<4, 4..<5])
        let first = try HistoryDownload.build(
            runs: runs, keys: HistoryDownload.keys(of: runs), store: store, previous: [])
        _ = try store.importRuns(HistoryExchange.parse(series[5], path: "next.jsonl"))
        let later = try store.runs(filesForLatest: 20)
        let keys = HistoryDownload.keys(of: later)
        #expect(HistoryDownload.members(of: later) == [0..<2, 2..<4, 4..<6])
        #expect(Array(keys.prefix(2)) == Array(HistoryDownload.keys(of: runs).prefix(2)))
        let kept = try HistoryDownload.build(runs: later, keys: keys, store: store, previous: [first])
        #expect(kept == (try HistoryDownload.build(runs: later, keys: keys, store: store, previous: [])))
        let text = try GzipMembers.decompress(kept, limit: 1 << 30)
        #expect(String(decoding: text, as: UTF8.self) == HistoryExchange.export(try store.runs(includingFiles: true)))
    }

    @Test("A gzip member written in parts of any size is the member written whole")
    func memberInParts() throws {
        let text = Array(Self.series(runs: 40, files: 50).utf8)
        let whole = GzipMembers.member(text, key: Array("key".utf8))
        for size in [1, 7, 4096, 65_549, text.count] {
            let writer = GzipMembers.Writer(key: Array("key".utf8))
            for start in stride(from: 0, to: text.count, by: size) {
                writer.add(Array(text[start..<min(start + size, text.count)]))
            }
            #expect(writer.finish() == whole, "parts of \(size) bytes")
        }
        #expect(try GzipMembers.decompress(whole, limit: 1 << 30) == text)
        #expect(GzipMembers.members(of: whole + whole)?.map(\.key) == [Array("key".utf8), Array("key".utf8)])
    }

    @Test(
        "generate --history-from a site's history.jsonl.gz copies its members that hold the same runs into the new site"
    )
    func restoredMembersCopied() throws {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/published.sqlite")
        _ = try store.importRuns(HistoryExchange.parse(Self.series(runs: 300, files: 3), path: "series.jsonl"))
        let runs = try store.runs(filesForLatest: 20)
        var download = try HistoryDownload.build(
            runs: runs, keys: HistoryDownload.keys(of: runs), store: store, previous: [])
        // Still a valid gzip member with the same key, but told apart: its header's OS byte.
        download[9] = 3
        let restored = folder.path + "/history.jsonl.gz"
        try Data(download).write(to: URL(fileURLWithPath: restored))
        var flags = PipelineTests.flags(in: folder)
        flags.historyFrom = restored
        flags.time = "2030-01-01T00:00:00Z"
        #expect(try Pipeline.generate(try Settings(flags: flags), console: ConsoleRecording().console) == .success)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.path + "/site/history.jsonl.gz")))
        let members = try #require(GzipMembers.members(of: written))
        #expect(members.count == 5, "the restored file's four members and one for the new run")
        #expect(written[9] == 3, "the first member was compressed again instead of copied")
        #expect(written[members[4].range.lowerBound + 9] == 255)
        let text = try GzipMembers.decompress(written, limit: 1 << 30)
        let local = try HistoryStore(path: folder.path + "/history.sqlite")
        #expect(String(decoding: text, as: UTF8.self) == HistoryExchange.export(try local.runs(includingFiles: true)))
    }
}
