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

    /// The text (invalid UTF-8 repaired, without a byte-order mark; a `.file` is read now), or why
    /// there is none.
    func contents() -> (text: String?, reason: String) {
        switch self {
        case .lines(let lines): return (lines.joined(separator: "\n"), "")
        case .unavailable(let reason): return (nil, reason)
        case .file(let path, _):
            // open/fstat/read: FileHandle and Data cost more than the read itself on 20 000 small files.
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return (nil, "The source file cannot be read.") }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { return (nil, "The source file cannot be read.") }
            guard info.st_size <= Self.maxBytes else {
                return (nil, "The source file is larger than \(Self.maxBytes >> 20) MB, so it is not shown.")
            }
            var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
            var count = 0
            let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
                while count < buffer.count {
                    let got = read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if got < 0 { return false }
                    if got == 0 { break }
                    count += got
                }
                return true
            }
            guard ok else { return (nil, "The source file cannot be read.") }
            guard count <= Self.maxBytes else {
                return (nil, "The source file is larger than \(Self.maxBytes >> 20) MB, so it is not shown.")
            }
            let hasMark = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            // Invalid UTF-8 is repaired (U+FFFD), so every page is valid UTF-8.
            return (String(decoding: bytes[(hasMark ? 3 : 0)..<count], as: UTF8.self), "")
        }
    }
}
