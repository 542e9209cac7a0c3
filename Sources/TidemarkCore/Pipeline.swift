import CoverageModel
import Foundation
import HistoryStore

/// The commands that record and render, each as a short list of named steps: lock, record,
/// render, gates. Every step prints its own problems and throws `CommandExit`; the returned status
/// is the gates' verdict once history and site are written.
public enum Pipeline {
    /// `record`: read the inputs and add the run to the history.
    public static func record(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        guard let lock = try RunLock.acquire(for: [settings.historyPath], policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        let recorded = try RunRecorder.record(settings, console: console)
        return Gates.check(recorded, settings: settings, console: console)
    }

    /// `render`: draw the site from the history alone.
    public static func render(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        guard let lock = try RunLock.acquire(
            for: [settings.historyPath, settings.output], policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        try SiteBuilder.render(from: try openHistory(settings.historyPath, console: console), settings: settings, console: console)
        return .success
    }

    /// `generate`: record, then render, then the gates.
    public static func generate(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        guard let lock = try RunLock.acquire(
            for: [settings.historyPath, settings.output], policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        let recorded = try RunRecorder.record(settings, console: console)
        try SiteBuilder.render(from: recorded.store, settings: settings, console: console)
        return Gates.check(recorded, settings: settings, console: console)
    }

    /// Opens the history, printing why it cannot be.
    public static func openHistory(_ path: String, console: Console) throws(CommandExit) -> HistoryStore {
        do {
            return try HistoryStore(path: path)
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }
}
