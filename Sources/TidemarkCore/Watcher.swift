import CoverageModel
import Foundation

/// `watch`: check the inputs every interval; record and render only when they changed. One log
/// line per tick; SIGINT and SIGTERM finish the current tick and stop.
public struct Watcher {
    private let flags: CommandFlags
    private let console: Console

    public init(flags: CommandFlags, console: Console) {
        self.flags = flags
        self.console = console
    }

    /// The interval: the flag, else `watch_interval` of the configuration, else 60 s.
    public static func interval(flag: String?, settings: Settings) -> TimeInterval {
        DurationText.seconds(parsing: flag ?? settings.configuration.watchInterval ?? "60s") ?? 60
    }

    /// Ticks until `stop` is requested.
    public func run(every interval: TimeInterval, settings: Settings, stop: StopSignal) {
        var inputs = InputWatcher()
        console.info("\(Self.now()) watching \(settings.inputs.count + settings.tests.count) input(s) every \(DurationText.text(interval))")
        while !stop.isRequested {
            tick(&inputs)
            stop.sleep(interval)
        }
        console.info("\(Self.now()) stopped")
    }

    private func tick(_ inputs: inout InputWatcher) {
        // Globs are resolved again on every tick: a new report may have appeared.
        guard let settings = try? Settings(flags: flags) else {
            console.info("\(Self.now()) tick: the configuration cannot be read; retrying next tick")
            return
        }
        let paths = (settings.inputs + settings.tests).map { NamedPath($0).path }
        switch inputs.check(paths) {
        case .unchanged:
            console.info("\(Self.now()) tick: unchanged")
            return
        case .missing(let path):
            console.info("\(Self.now()) tick: waiting for \(path) (missing)")
            return
        case .settling(let path):
            console.info("\(Self.now()) tick: \(path) is still being written; retrying next tick")
            return
        case .changed:
            break
        }
        do {
            guard let lock = try RunLock.acquire(
                for: [settings.historyPath, settings.output], policy: flags.lock, console: console)
            else { return }
            defer { withExtendedLifetime(lock) {} }
            let recorded = try RunRecorder.record(settings, console: console)
            if case .recorded = recorded.outcome {
                try SiteBuilder.render(from: recorded.store, settings: settings, console: console)
            }
            inputs.commit()
            console.info("\(Self.now()) tick: \(recorded.outcome.isDuplicate ? "content unchanged" : "recorded and rendered")")
        } catch {
            // A half-written or broken input: nothing was recorded; the next tick tries again.
            console.info("\(Self.now()) tick: not recorded (exit \(error.status.rawValue)); retrying next tick")
        }
    }

    static func now() -> String { ISO8601.string(from: Date()) }
}
