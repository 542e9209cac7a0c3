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

/// A file's source as the file page shows it, or why it is not shown.
public enum SourceText: Sendable, Equatable {
    case lines([String])
    case unavailable(reason: String)
    /// A checked file inside the source root, read only when its page is rendered; `stamp`
    /// (size, modification time, inode) fingerprints it without reading it.
    case file(path: String, stamp: String)

    /// Larger files are not shown (the page still lists their measured lines).
    public static let maxBytes = 4 << 20

    /// The text, reading a `.file` now.
    func loaded() -> SourceText {
        guard case .file(let path, _) = self else { return self }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .unavailable(reason: "The source file cannot be read.")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.maxBytes + 1)) ?? Data()
        guard data.count <= Self.maxBytes else {
            return .unavailable(reason: "The source file is larger than \(Self.maxBytes >> 20) MB, so it is not shown.")
        }
        return .lines(Self.lines(of: data))
    }

    /// Lines of UTF-8 text (invalid bytes repaired), without a byte-order mark or `\r`.
    static func lines(of data: Data) -> [String] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lines: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return lines
    }
}
