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

    /// The interval: the flag, else `watch_interval` of the configuration (checked when it was
    /// read), else 60 s.
    /// - Throws: `UsageError` for a flag that is not a duration in `DurationText.watchRange`.
    public static func interval(flag: String?, settings: Settings) throws(UsageError) -> TimeInterval {
        if let flag {
            return try DurationText.watchInterval(flag).mapError { UsageError("--every \($0.message)") }.get()
        }
        return settings.configuration.watchInterval ?? 60
    }

    /// Ticks until `stop` is requested.
    /// - Throws: `CommandExit(.usage)` when the output folder is refused, before the first tick.
    public func run(every interval: TimeInterval, settings: Settings, stop: StopSignal) throws(CommandExit) {
        try Pipeline.checkOutput(settings, console: console)
        var inputs = InputWatcher()
        console.info(
            "\(Self.now()) watching \(settings.inputs.count + settings.tests.count) input(s) "
                + "every \(DurationText.text(interval))"
        )
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
        case .unchanged where inputs.needsRender:
            renderAgain(settings, &inputs)
            return
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
        let recorded: RunRecorder.Recorded
        do {
            try Pipeline.checkOutput(settings, console: console)
            let run = try RunRecorder.load(settings, console: console)
            guard
                let lock = try RunLock.acquire(
                    for: settings.historyLockPaths + [settings.output], policy: flags.lock, console: console)
            else { return }
            defer { withExtendedLifetime(lock) {} }
            recorded = try RunRecorder.store(run, settings: settings, console: console)
            inputs.commit(needsRender: recorded.outcome.isDuplicate ? inputs.needsRender : true)
        } catch {
            // A half-written or broken input: nothing was recorded; the next tick tries again.
            console.info("\(Self.now()) tick: not recorded (the problem is above); retrying next tick")
            return
        }
        if inputs.needsRender {
            renderAgain(settings, &inputs, known: recorded.known)
        } else {
            console.info("\(Self.now()) tick: content unchanged")
        }
    }

    /// Renders the site of a recorded run; when it cannot be written, the next tick tries again.
    /// - Parameter known: the run this tick recorded, drawn from memory while it is still the
    ///   newest (`HistoryStore.newestRuns(known:)`).
    private func renderAgain(
        _ settings: Settings, _ inputs: inout InputWatcher, known: (id: String, run: Run)? = nil
    ) {
        do {
            guard
                let lock = try RunLock.acquire(
                    for: settings.historyLockPaths + [settings.output], policy: flags.lock, console: console)
            else { return }
            defer { withExtendedLifetime(lock) {} }
            try SiteBuilder.render(
                from: try Pipeline.openHistory(settings, access: .readOnly, console: console), settings: settings,
                console: console, known: known)
            inputs.rendered()
            console.info("\(Self.now()) tick: recorded and rendered")
        } catch {
            console.info(
                "\(Self.now()) tick: recorded, but the site was not written (the problem is above); retrying next tick")
        }
    }

    static func now() -> String { ISO8601.string(from: Date()) }
}
