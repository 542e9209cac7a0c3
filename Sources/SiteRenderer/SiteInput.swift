import CoverageModel
import Foundation

/// Everything a site is drawn from: the latest run with its reports, the run before it (for newly
/// uncovered lines), every stored run, and the source text the CLI could read safely.
public struct SiteInput: Sendable {
    /// The latest run; components' reports are present where their per-line data is kept.
    public let run: Run
    /// The run before it, with reports where kept.
    public let previous: Run?
    /// Every stored run, oldest first; per-file counts loaded for the most recent ones.
    public let history: [RunSummary]
    /// Source text by component, then by file display path.
    public let sources: [String: [String: SourceText]]
    /// The latest alert of every condition active now: the banner on the overview.
    public let activeAlerts: [Alert]
    /// Every alert raised, newest first: the alerts page.
    public let alertEvents: [Alert]

    public init(
        run: Run, previous: Run? = nil, history: [RunSummary] = [], sources: [String: [String: SourceText]] = [:],
        activeAlerts: [Alert] = [], alertEvents: [Alert] = []
    ) {
        self.run = run
        self.previous = previous
        self.history = history
        self.sources = sources
        self.activeAlerts = activeAlerts
        self.alertEvents = alertEvents
    }
}

/// A file's source as its section shows it, or why it is not shown.
public enum SourceText: Sendable, Equatable {
    case lines([String])
    case unavailable(reason: String)
    /// A checked file inside the source root, read only when its page is rendered; `stamp`
    /// (size, modification time, inode) fingerprints it without reading it.
    case file(path: String, stamp: String)

    /// Larger files are not shown (the page still lists their measured lines).
    public static let maxBytes = 4 << 20

    /// The text as valid UTF-8 bytes without a byte-order mark (a `.file` is read now), or why
    /// there is none.
    func contents() -> (bytes: [UInt8]?, reason: String) {
        switch self {
        case .lines(let lines): return (Array(lines.joined(separator: "\n").utf8), "")
        case .unavailable(let reason): return (nil, reason)
        case .file(let path, _):
            guard let handle = FileHandle(forReadingAtPath: path) else { return (nil, "The source file cannot be read.") }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: Self.maxBytes + 1)) ?? Data()
            guard data.count <= Self.maxBytes else {
                return (nil, "The source file is larger than \(Self.maxBytes >> 20) MB, so it is not shown.")
            }
            var bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
            // Invalid UTF-8 is repaired (U+FFFD), so every page is valid UTF-8.
            if String(validating: bytes, as: UTF8.self) == nil {
                bytes = Data(String(decoding: bytes, as: UTF8.self).utf8)[...]
            }
            return (Array(bytes), "")
        }
    }
}
