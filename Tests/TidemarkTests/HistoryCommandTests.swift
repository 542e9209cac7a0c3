import CoverageModel
import Foundation
import HistoryStore
import TestSupport
import Testing

/// `tidemark record` and `history …` as real processes on real SQLite files.
@Suite(.serialized)
struct HistoryCommandTests {
    static let python = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python")

    static func record(_ history: String, commit: String, input: String? = nil) -> [String] {
        [
            "record", "--history", history, "--commit", commit, "--branch", "main",
            "--input", "python=\(input ?? python.path + "/reports/coverage.xml")",
            "--tests", "python=\(python.path)/reports/junit.xml",
        ]
    }

    @Test("8 tidemark record processes at once on one history: 8 runs, integrity ok")
    func concurrentWriters() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/h.sqlite"
        let processes = try (1...8).map { index -> Process in
            let process = Process()
            process.executableURL = FixturePaths.tidemarkBinary
            process.arguments = Self.record(history, commit: "commit-\(index)")
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        #expect(processes.map(CommandRunner.exitStatus(of:)) == Array(repeating: 0, count: 8))
        let store = try HistoryStore(path: history)
        #expect(try store.runs().count == 8)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("Recording unchanged inputs again says so, adds nothing and exits 0")
    func unchangedInputs() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/h.sqlite"
        #expect(try CommandRunner.tidemark(Self.record(history, commit: "a")).status == 0)
        let again = try CommandRunner.tidemark(Self.record(history, commit: "a"))
        #expect(again.status == 0)
        #expect(again.stdout.contains("Unchanged"))
        #expect(try HistoryStore(path: history).runs().count == 1)
        // Same commit, different report: a new run.
        let changed = try CommandRunner.tidemark(
            Self.record(history, commit: "a", input: Self.python.path + "/history/coverage-run05.xml"))
        #expect(changed.status == 0 && changed.stdout.contains("Recorded run"), "\(changed.stdout)")
        #expect(try HistoryStore(path: history).runs().count == 2)
    }

    @Test("history export | import into an empty history | export is byte-identical")
    func exportImportCommands() throws {
        let folder = try TemporaryFolder()
        let first = folder.path + "/a.sqlite"
        for run in ["01", "02", "03"] {
            let result = try CommandRunner.tidemark([
                "record", "--history", first, "--commit", "r\(run)",
                "--input", "python=\(Self.python.path)/history/coverage-run\(run).xml",
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let export = try CommandRunner.tidemark([
            "history", "export", "--history", first, "--to", folder.path + "/x.jsonl",
        ])
        #expect(export.status == 0)
        let second = folder.path + "/b.sqlite"
        let imported = try CommandRunner.tidemark(["history", "import", "--history", second, folder.path + "/x.jsonl"])
        #expect(imported.stdout.contains("Imported 3 of 3"))
        let again = try CommandRunner.tidemark(["history", "export", "--history", second])
        #expect(again.stdout == (try String(contentsOfFile: folder.path + "/x.jsonl", encoding: .utf8)))
        let list = try CommandRunner.tidemark(["history", "list", "--history", second])
        #expect(list.stdout.split(separator: "\n").count == 3)
        #expect(list.stdout.contains("55.5%"))
    }

    @Test("A history that is not SQLite gets a clear error, exit 1, and is left untouched")
    func notAHistory() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("h.sqlite", "hello\n")
        let result = try CommandRunner.tidemark(Self.record(path, commit: "a"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path): not a Tidemark history"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
    }

    @Test(
        "SIGKILL at random moments while recording a large run: the store always opens, passes integrity_check, and holds each run whole or not at all"
    )
    func killedWhileRecording() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/h.sqlite"
        let files = 1500
        let input = try SyntheticReport.write(files: files, lines: 40, to: folder.path + "/big.xml")
        // How long an uninterrupted record takes, so kills land all over it: the faster of two runs,
        // since the first one (cold caches, an empty history) was often the slowest, and kills timed
        // by it landed after most later runs had finished.
        let clock = ContinuousClock()
        var span = Double.infinity
        for commit in ["warm-up-1", "warm-up-2"] {
            var warmUp: CommandResult?
            let full = try clock.measure {
                warmUp = try CommandRunner.tidemark(Self.record(history, commit: commit, input: input))
            }
            #expect(warmUp?.status == 0)
            span = min(span, Double(full.components.seconds) + Double(full.components.attoseconds) / 1e18)
        }
        var generator = SystemRandomNumberGenerator()
        // Trials go on until 25 kills have landed mid-record (at most 150): on a loaded machine a
        // record's time varies, and a fixed number of trials made the count of midway kills flaky.
        var killedMidway = 0
        var trial = 0
        while killedMidway < 25, trial < 150 {
            defer { trial += 1 }
            let process = Process()
            process.executableURL = FixturePaths.tidemarkBinary
            process.arguments = Self.record(history, commit: "trial-\(trial)", input: input)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0...span, using: &generator) * 1_000_000))
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            _ = CommandRunner.exitStatus(of: process)

            let store = try HistoryStore(path: history)
            #expect(try store.integrityCheck() == "ok", "trial \(trial)")
            for run in try store.runs(includingFiles: true) {
                #expect(run.components.count == 1, "trial \(trial): \(run.id)")
                #expect(run.components.first?.files.count == files, "trial \(trial): \(run.id)")
                #expect(run.components.first?.counts.linesValid == files * 40, "trial \(trial)")
            }
        }
        #expect(killedMidway >= 25, "kills should land while the process runs: \(killedMidway) of \(trial)")
    }
}
