import Foundation
import HistoryStore
import TestSupport
import Testing

/// `tidemark watch` and overlapping runs, as real processes.
@Suite(.serialized)
struct WatchCommandTests {
    static let history = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history")
    /// The watch's tick in these tests, in seconds.
    static let tick = 1.0
    /// How long a file must stay untouched before watch reads it (InputWatcher's settling window).
    static let settle = 2.0
    /// What one record and render of a small report may take on a loaded CI machine.
    static let work = 2.0

    /// Starts `tidemark watch` in `folder`, with its output going to `log`.
    static func startWatch(in folder: TemporaryFolder, log: String) throws -> Process {
        let process = Process()
        process.executableURL = FixturePaths.tidemarkBinary
        process.arguments = [
            "watch", "--every", "\(Int(tick))s", "--input", "python=coverage.xml", "--history", "h.sqlite", "--output",
            "site",
        ]
        process.currentDirectoryURL = folder.url
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func runCount(_ folder: TemporaryFolder) -> Int {
        (try? HistoryStore(path: folder.path + "/h.sqlite").runs().count) ?? 0
    }

    /// Waits up to `seconds` for `condition`.
    static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    @Test(
        "watch: a replaced coverage.xml gives a new run within two ticks; unchanged ticks record nothing; a half-written file is not recorded; SIGTERM exits 0"
    )
    func watch() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/coverage.xml"
        try folder.copy(Self.history.appendingPathComponent("coverage-run01.xml").path, to: "coverage.xml")
        let log = folder.path + "/watch.log"
        let process = try Self.startWatch(in: folder, log: log)
        defer { if process.isRunning { process.terminate() } }
        #expect(
            Self.eventually(Self.settle + 2 * Self.tick + Self.work) { Self.runCount(folder) == 1 },
            "the first report is recorded")
        usleep(useconds_t(3 * Self.tick * 1_000_000))
        #expect(Self.runCount(folder) == 1, "unchanged ticks record nothing")

        // A half-written report (pytest still writing): cut mid-tag, left in place over several ticks.
        let full = try Data(contentsOf: Self.history.appendingPathComponent("coverage-run02.xml"))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: target))
        usleep(useconds_t((Self.settle + 2 * Self.tick) * 1_000_000))
        #expect(Self.runCount(folder) == 1, "a half-written file is never recorded")

        // The writer finishes: recorded within two ticks.
        let replaced = Date()
        try full.write(to: URL(fileURLWithPath: target))
        // It settles first, then the next two ticks see it.
        let bound = Self.settle + 2 * Self.tick + Self.work
        #expect(Self.eventually(bound) { Self.runCount(folder) == 2 }, "a replaced file is recorded within two ticks")
        #expect(Date().timeIntervalSince(replaced) < bound)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/site/index.html"))

        process.terminate()
        #expect(CommandRunner.exitStatus(of: process) == 0, "SIGTERM ends watch with exit 0")
        // The tick drew the run it recorded from memory (`HistoryStore.newestRuns(known:)`): its site
        // is what a render of the same history draws.
        let render = try CommandRunner.run(
            FixturePaths.tidemarkBinary, ["render", "--history", "h.sqlite", "--output", "fresh"], in: folder.url)
        #expect(render.status == 0, "\(render.stderr)")
        let watched = URL(fileURLWithPath: folder.path + "/site")
        let fresh = URL(fileURLWithPath: folder.path + "/fresh")
        let pages = try GoldenDirectory.files(under: watched).filter { $0 != ".tidemark-manifest" }
        #expect(pages == (try GoldenDirectory.files(under: fresh).filter { $0 != ".tidemark-manifest" }))
        for page in pages {
            let same =
                (try? Data(contentsOf: watched.appendingPathComponent(page)))
                == (try? Data(contentsOf: fresh.appendingPathComponent(page)))
            #expect(same, "\(page)")
        }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("tick: unchanged"))
        #expect(text.contains("stopped"))
        // A broken tick says so in words, never as a Swift value.
        #expect(text.contains("tick: not recorded") || text.contains("is still being written"))
        #expect(!text.contains("ExitCode("))
    }

    @Test(
        "4 concurrent tidemark generate on one history and output: all exit 0, the site is complete, every run is kept")
    func overlappingRuns() throws {
        let folder = try TemporaryFolder()
        let processes = try (1...4).map { index -> Process in
            let process = Process()
            process.executableURL = FixturePaths.tidemarkBinary
            process.arguments = [
                "generate", "--history", folder.path + "/h.sqlite", "--output", folder.path + "/site", "--commit",
                "c\(index)",
                "--input", "python=\(Self.history.path)/coverage-run0\(index).xml",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        #expect(processes.map(CommandRunner.exitStatus(of:)) == [0, 0, 0, 0])
        #expect(Self.runCount(folder) == 4)
        let site = URL(fileURLWithPath: folder.path + "/site")
        let files = try GoldenDirectory.files(under: site)
        for page in ["index.html", "history.html", "alerts.html", "summary.json", "c/python/index.html"] {
            #expect(files.contains(page), "\(page)")
        }
        let history = try String(contentsOf: site.appendingPathComponent("history.html"), encoding: .utf8)
        #expect(history.contains("4 runs recorded"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.contains("tidemark-new") || $0.contains("tidemark-old")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("--skip-if-busy skips with a message and exit 0 while another run holds the lock")
    func skipIfBusy() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/h.sqlite"
        // Hold the history's lock from this process.
        let fd = open(history + ".lock", O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let result = try CommandRunner.tidemark([
            "record", "--history", history, "--skip-if-busy", "--input",
            "python=\(Self.history.path)/coverage-run01.xml",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Skipped: another tidemark run holds"))
        let waited = try CommandRunner.tidemark([
            "record", "--history", history, "--lock-timeout", "1", "--input",
            "python=\(Self.history.path)/coverage-run01.xml",
        ])
        #expect(waited.status == 7)
    }
}
