import Concurrency
import CoverageModel
import Foundation
import HistoryStore

/// The commands that record and render, each as a short list of named steps: check the output,
/// read the inputs, lock, record, render, gates. Every step prints its own problems and throws
/// `CommandExit`; the returned status is the gates' verdict once history and site are written.
public enum Pipeline {
    /// `record`: read the inputs and add the run to the history.
    public static func record(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        let run = try RunRecorder.load(settings, console: console)
        let restored = try RunRecorder.restoredRuns(settings, console: console)
        guard
            let lock = try RunLock.acquire(
                for: settings.historyLockPaths, policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        if let restored { try RunRecorder.restore(restored, settings: settings, console: console) }
        let recorded = try RunRecorder.store(run, settings: settings, console: console)
        // The run's files and lines: kept to the exit, where freeing them took 5 ms of a 20 000-file
        // record on this thread, or freed on another core (`watch`).
        Discard.atEnd(recorded.run)
        return Gates.check(recorded, settings: settings, console: console)
    }

    /// `render`: draw the site from the history alone.
    public static func render(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        try checkOutput(settings, console: console)
        guard
            let lock = try RunLock.acquire(
                for: settings.historyLockPaths + [settings.output], policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        let store = try openHistory(settings, access: .readOnly, console: console)
        if settings.flags.allProjects {
            try ProjectsSite.render(from: store, settings: settings, console: console)
        } else {
            try SiteBuilder.render(from: store, settings: settings, console: console)
        }
        return .success
    }

    /// `generate`: restore, record, then render, then the gates. A site that cannot be written after the run
    /// was recorded is exit 8, not 1: exit 1 always means nothing was recorded.
    public static func generate(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        try checkOutput(settings, console: console)
        let run = try RunRecorder.load(settings, console: console)
        let restored = try RunRecorder.restoredRuns(settings, console: console)
        guard
            let lock = try RunLock.acquire(
                for: settings.historyLockPaths + [settings.output], policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        if let restored { try RunRecorder.restore(restored, settings: settings, console: console) }
        let recorded = try RunRecorder.store(run, settings: settings, console: console)
        // The render reads the runs from the history; this one's reports it takes as their archives
        // decode, without decoding them again (`ReportArchive.decodedForm`).
        Discard.atEnd(recorded.run)
        do {
            try SiteBuilder.render(
                from: recorded.store, settings: settings, console: console, restoredDownload: restored?.download,
                known: recorded.known)
        } catch {
            console.error(
                "the run was recorded, but the site was not written; fix the problem above and run tidemark render")
            return .siteNotWritten
        }
        return Gates.check(recorded, settings: settings, console: console)
    }

    /// Refuses an output folder that a render could damage (exit 64), before anything is read.
    public static func checkOutput(_ settings: Settings, console: Console) throws(CommandExit) {
        do {
            try OutputGuard.check(settings)
        } catch {
            console.error(error.message)
            throw CommandExit(.usage)
        }
    }

    /// Opens the history of the settings' project, printing why it cannot be. Commands that only
    /// read it open it `.readOnly`: nothing is created or written, so they work on a read-only
    /// history (and a PostgreSQL session that cannot write).
    public static func openHistory(
        _ settings: Settings, access: HistoryStore.Access = .readWrite, console: Console
    ) throws(CommandExit) -> HistoryStore {
        if settings.history.urlPassword != nil, passwordWarning.first() {
            console.error(
                "warning: the history URL holds a password; give it in PGPASSWORD or ~/.pgpass instead (it is never "
                    + "printed, but a URL in a command line or a file is seen by more than Tidemark)")
        }
        do {
            return try HistoryStore(location: settings.history, project: settings.project, access: access)
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }
}

/// True the first time only: a warning a `watch` would otherwise repeat every tick.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func first() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}

let passwordWarning = OnceFlag()
