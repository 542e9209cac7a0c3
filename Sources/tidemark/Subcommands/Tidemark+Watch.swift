import ArgumentParser
import CoverageModel
import Dispatch
import Foundation

extension Tidemark {
    /// `tidemark watch`: record and render whenever the inputs change.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the inputs every interval; record and render only when they changed.",
            discussion: """
                Each tick compares every input's size and modification time, waits for a file that is still \
                being written to settle, and records only when the content differs from the latest run. One log \
                line per tick. SIGINT and SIGTERM finish the current tick and exit 0.
                """)

        @Option(help: ArgumentHelp("The interval: 30s, 2m, 1h, 500ms (default: tidemark.toml's, else 60s).", valueName: "DURATION"))
        var every: String?

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var sourceOptions: SourceOptions
        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var outputOptions: OutputOptions
        @OptionGroup var alertOptions: AlertOptions
        @OptionGroup var lockOptions: LockOptions

        func validate() throws {
            if let every, Duration.seconds(parsing: every) == nil {
                throw ValidationError("--every '\(every)' is not a duration such as 30s, 2m, 1h or 500ms.")
            }
        }

        func run() throws {
            let settings = try RunSettings(inputs: inputOptions, history: historyOptions, output: outputOptions, alerts: alertOptions)
            let interval = Duration.seconds(parsing: every ?? settings.configuration.watchInterval ?? "60s") ?? 60
            let stop = StopSignal()
            var watcher = InputWatcher()
            Console.info("\(Self.now()) watching \(settings.inputs.count + settings.tests.count) input(s) every \(Duration.text(interval))")
            while !stop.isRequested {
                tick(&watcher, stop: stop)
                stop.sleep(interval)
            }
            Console.info("\(Self.now()) stopped")
        }

        private func tick(_ watcher: inout InputWatcher, stop: StopSignal) {
            // Globs are resolved again on every tick: a new report may have appeared.
            guard let settings = try? RunSettings(inputs: inputOptions, history: historyOptions, output: outputOptions, alerts: alertOptions)
            else {
                Console.info("\(Self.now()) tick: the configuration cannot be read; retrying next tick")
                return
            }
            let paths = (settings.inputs + settings.tests).map { NamedPath($0).path }
            switch watcher.check(paths) {
            case .unchanged:
                Console.info("\(Self.now()) tick: unchanged")
                return
            case .missing(let path):
                Console.info("\(Self.now()) tick: waiting for \(path) (missing)")
                return
            case .settling(let path):
                Console.info("\(Self.now()) tick: \(path) is still being written; retrying next tick")
                return
            case .changed:
                break
            }
            do {
                guard let lock = try RunLock.acquire(for: [settings.historyPath, settings.output], policy: lockOptions.policy)
                else { return }
                defer { withExtendedLifetime(lock) {} }
                let recorded = try RunRecorder.record(settings, inputOptions, sourceOptions)
                if case .recorded = recorded.outcome {
                    try SiteBuilder.render(from: recorded.store, settings: settings)
                }
                watcher.commit()
                Console.info("\(Self.now()) tick: \(recorded.outcome.isDuplicate ? "content unchanged" : "recorded and rendered")")
            } catch {
                // A half-written or broken input: nothing was recorded; the next tick tries again.
                Console.info("\(Self.now()) tick: not recorded (\(error)); retrying next tick")
            }
        }

        static func now() -> String { ISO8601.string(from: Date()) }
    }
}

extension RecordOutcome {
    var isDuplicate: Bool { if case .duplicate = self { true } else { false } }
}

import HistoryStore

/// What the inputs looked like at the last look, to notice changes cheaply (size and mtime) and
/// to tell a file that is still being written (it changed since the previous look) from a settled one.
struct InputWatcher {
    enum Verdict: Equatable { case unchanged, changed, missing(String), settling(String) }

    private struct Stamp: Equatable {
        let size: Int64
        let modified: Int64
    }

    private var recorded: [String: Stamp] = [:]
    private var seen: [String: Stamp] = [:]
    private var candidate: [String: Stamp] = [:]

    mutating func check(_ paths: [String]) -> Verdict {
        var now: [String: Stamp] = [:]
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A coverage file may be missing because tests were blocked: let the run decide.
                continue
            }
            now[path] = Stamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
        if now.isEmpty, let first = paths.first { return .missing(first) }
        defer { seen = now }
        if now == recorded { return .unchanged }
        // Changed since the previous look, or modified in the last two seconds: the writer may not be
        // done; look again next tick. (A file untouched for longer is recorded at once, even on the first tick.)
        let fresh = Int64(Date().timeIntervalSince1970 * 1_000_000_000) - 2_000_000_000
        if (!seen.isEmpty && now != seen) || now.values.contains(where: { $0.modified > fresh }) {
            let moving = now.keys.sorted().first { seen[$0] != now[$0] } ?? now.keys.sorted()[0]
            return .settling(moving)
        }
        candidate = now
        return .changed
    }

    /// The inputs of the last `.changed` verdict were recorded (or found identical to the history).
    mutating func commit() { recorded = candidate }
}

/// SIGINT and SIGTERM: finish the current tick, then stop. Sleeping between ticks wakes at once.
final class StopSignal: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var requested = false

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    private func request() {
        lock.lock()
        requested = true
        lock.unlock()
        semaphore.signal()
    }

    /// Sleeps for `seconds` without using the CPU, or until a stop is requested.
    func sleep(_ seconds: TimeInterval) {
        guard !isRequested else { return }
        _ = semaphore.wait(timeout: .now() + seconds)
    }
}

/// Durations written as `30s`, `2m`, `1h`, `500ms`, or a bare number of seconds.
enum Duration {
    static func seconds(parsing text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count)), value > 0 else { return nil }
            return value * factor
        }
        guard let value = Double(trimmed), value > 0 else { return nil }
        return value
    }

    static func text(_ seconds: TimeInterval) -> String {
        seconds < 1 ? "\(Int(seconds * 1000))ms" : seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
