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
        return Gates.check(recorded, limits: settings.flags.gates, console: console)
    }

    /// `render`: draw the site from the history alone.
    public static func render(_ settings: Settings, console: Console) throws(CommandExit) -> ExitStatus {
        guard let lock = try RunLock.acquire(
            for: [settings.historyPath, settings.output], policy: settings.flags.lock, console: console)
        else { return .success }
        defer { withExtendedLifetime(lock) {} }
        let store = try openHistory(settings.historyPath, access: .readOnly, console: console)
        try SiteBuilder.render(from: store, settings: settings, console: console)
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
        return Gates.check(recorded, limits: settings.flags.gates, console: console)
    }

    /// Opens the history, printing why it cannot be. Commands that only read it open it
    /// `.readOnly`: nothing is created or written, so they work on a read-only history.
    public static func openHistory(
        _ path: String, access: HistoryStore.Access = .readWrite, console: Console
    ) throws(CommandExit) -> HistoryStore {
        do {
            return try HistoryStore(path: path, access: access)
        } catch {
            console.error(error.description)
            throw CommandExit(.inputError)
        }
    }
}
