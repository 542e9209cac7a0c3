import CoverageAnalysis
import CoverageModel
import Formatting
import Foundation

/// Everything a site is drawn from: the latest run with its reports, the run before it (for newly
/// uncovered lines), every stored run, the source text the CLI could read safely, the configured
/// thresholds, and the last good data of components whose latest measurement failed.
public struct SiteInput: Sendable {
    /// The latest run; components' reports are present where their per-line data is kept.
    public let run: Run
    /// The run before it, as far as newly uncovered lines need it, for components whose per-line
    /// data is kept.
    public let previous: PreviousRun?
    /// Every stored run, oldest first; per-file counts loaded for the most recent ones.
    public let history: [RunSummary]
    /// Where the file sections' source comes from, asked page by page.
    public let sources: any SourceLocator
    /// The alert conditions that hold at the newest run (`AlertRules.active`): the overview's banner.
    public let activeAlerts: [Alert]
    /// Every alert raised, newest first: the alerts page.
    public let alertEvents: [Alert]
    /// The history file the site carries, linked from the history page; `nil` when there is none.
    public var historyDownload: HistoryDownloadLink?
    /// Folder trees and recent rates made ahead (`PreparedComponents`); what it lacks is made here.
    public var prepared = PreparedComponents()

    /// Thresholds by component; components without an entry use `defaults`. Charts draw the
    /// configured targets and warning levels; colours follow them (`CoverageLevels`).
    public let thresholds: [String: Thresholds]
    public let defaults: Thresholds
    /// Components whose latest run failed to measure, by name, with their last measured run.
    public let stale: [String: StaleComponent]

    /// - Parameter sources: source text by component, then by file display path.
    public init(
        run: Run, previous: Run? = nil, history: [RunSummary] = [], sources: [String: [String: SourceText]] = [:],
        activeAlerts: [Alert] = [], alertEvents: [Alert] = [], thresholds: [String: Thresholds] = [:],
        defaults: Thresholds = Thresholds(), stale: [String: StaleComponent] = [:]
    ) {
        self.init(
            run: run, previous: previous.map(PreviousRun.init), history: history,
            sourceLocator: FixedSources(texts: sources),
            activeAlerts: activeAlerts, alertEvents: alertEvents, thresholds: thresholds, defaults: defaults,
            stale: stale)
    }

    /// - Parameter sourceLocator: finds each page's source files when the page is drawn (on the page's job).
    public init(
        run: Run, previous: PreviousRun?, history: [RunSummary], sourceLocator: any SourceLocator,
        activeAlerts: [Alert],
        alertEvents: [Alert], thresholds: [String: Thresholds] = [:], defaults: Thresholds = Thresholds(),
        stale: [String: StaleComponent] = [:]
    ) {
        self.run = run
        self.previous = previous
        self.history = history
        self.sources = sourceLocator
        self.activeAlerts = activeAlerts
        self.alertEvents = alertEvents
        self.thresholds = thresholds
        self.defaults = defaults
        self.stale = stale
    }

    /// The thresholds of `component`.
    public func thresholds(for component: String) -> Thresholds { thresholds[component] ?? defaults }

    /// The levels `component`'s rates are coloured by.
    public func levels(for component: String) -> CoverageLevels { thresholds(for: component).levels }
}

/// The site's copy of the history (`history.jsonl.gz`), as the history page links to it.
public struct HistoryDownloadLink: Sendable {
    /// The file's path in the site.
    public let path: String
    private let size: @Sendable () -> Int

    /// Its size in bytes: a link made while the file is still being compressed waits for it here.
    public var byteCount: Int { size() }

    public init(path: String, byteCount: Int) {
        self.path = path
        size = { byteCount }
    }

    /// A link to a file still being written, whose size `size` returns once it is (the renderer
    /// asks for it last, on the calling thread: see `SiteRenderer.render`).
    public init(path: String, byteCountWhenWritten size: @escaping @Sendable () -> Int) {
        self.path = path
        self.size = size
    }
}

/// Finds the source of a page's files. Pages are drawn concurrently, so a locator is called from
/// several threads at once; a page whose inputs did not change still asks (its fingerprint holds
/// each file's `SourceText`), so a locator checks files without reading them (`SourceText.file`).
public protocol SourceLocator: Sendable {
    /// Each file's source, in the order of `files` (the files of one page, usually of one folder).
    func sources(component: String, files: [SourceRequest]) -> [SourceText]

    /// The same, given each file's place in its component's report (`places[i]` for `files[i]`),
    /// for a locator that checked files ahead and keeps them by place.
    func sources(component: String, files: [SourceRequest], places: [Int]) -> [SourceText]

    /// The component's source root as the user gave it, for the note on a page without source.
    func sourceRoot(component: String) -> String?
}

extension SourceLocator {
    public func sourceRoot(component: String) -> String? { nil }

    public func sources(component: String, files: [SourceRequest], places: [Int]) -> [SourceText] {
        sources(component: component, files: files)
    }
}

/// What a locator is told of a file: its names, not its lines. A copy of a `SourceFile` for each of
/// a page's files retained its lines too, objects a cron tick does not otherwise read (20 000 of
/// them, cold in the cache).
public struct SourceRequest: Sendable, Equatable {
    /// The path relative to the source root (`SourceFile.key`); `nil` when the file did not resolve.
    public let key: String?
    /// The name the report gives (`SourceFile.name`).
    public let name: String

    public init(key: String?, name: String) {
        self.key = key
        self.name = name
    }

    public init(_ file: SourceFile) { self.init(key: file.key, name: file.name) }

    /// Where the file is shown, as `SourceFile.displayPath`.
    public var displayPath: String { key ?? name }
}

/// Source text given up front, by component and file display path; a file not given has none.
struct FixedSources: SourceLocator {
    let texts: [String: [String: SourceText]]

    func sources(component: String, files: [SourceRequest]) -> [SourceText] {
        let texts = texts[component] ?? [:]
        return files.map { texts[$0.displayPath] ?? .unavailable(reason: "Source was not read for this run.") }
    }
}

/// A file's source as its section shows it, or why it is not shown.
public enum SourceText: Sendable, Equatable {
    case lines([String])
    case unavailable(reason: String)
    /// The file is not where it should be (no source root, a path that did not resolve, a file that
    /// is not in the checkout): the page then also says where it looked and how to fix it.
    case notFound(reason: String)
    /// A checked file inside the source root, read only when its page is rendered; `stamp`
    /// (size, modification time, inode) fingerprints it without reading it.
    case file(path: String, stamp: String)

    /// Larger files are not shown (the page still lists their measured lines).
    public static let maxBytes = 4 << 20

    var isNotFound: Bool {
        if case .notFound = self { true } else { false }
    }

    /// The text as UTF-8 (invalid UTF-8 repaired, without a byte-order mark; a `.file` is read now),
    /// or why there is none.
    func contents() -> (text: [UInt8]?, reason: String) {
        switch self {
        case .lines(let lines): return (Array(lines.joined(separator: "\n").utf8), "")
        case .unavailable(let reason), .notFound(let reason): return (nil, reason)
        case .file(let path, _):
            // open/read/close: for small files FileHandle and Data cost more than the read itself.
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return (nil, "The source file cannot be read.") }
            defer { close(fd) }
            guard var bytes = Self.readAll(fd) else { return (nil, "The source file cannot be read.") }
            guard bytes.count <= Self.maxBytes else {
                return (nil, "The source file is larger than \(Self.maxBytes >> 20) MB, so it is not shown.")
            }
            let count = bytes.count
            let hasMark = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            if hasMark { bytes.removeFirst(3) }
            // Invalid UTF-8 is repaired (U+FFFD), so every page is valid UTF-8; ASCII needs no check.
            if HTMLBytes.isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil { return (bytes, "") }
            return (Array(String(decoding: bytes, as: UTF8.self).utf8), "")
        }
    }

    /// Everything left to read from `fd`, up to one byte past `maxBytes` (so a larger file shows as
    /// larger), without a `stat`: 64 KB first (most sources fit), then as much again each time.
    private static func readAll(_ fd: Int32) -> [UInt8]? {
        var failed = false
        var ended = false
        func chunk(_ wanted: Int) -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
                initialized = 0
                while initialized < wanted {
                    let got = read(fd, buffer.baseAddress! + initialized, wanted - initialized)
                    if got < 0, errno == EINTR { continue }
                    if got <= 0 {
                        failed = got < 0
                        ended = true
                        break
                    }
                    initialized += got
                }
            }
        }
        var bytes = chunk(min(64 << 10, maxBytes + 1))
        while !failed, !ended, bytes.count <= maxBytes {
            bytes += chunk(min(bytes.count, maxBytes + 1 - bytes.count))
        }
        return failed ? nil : bytes
    }
}
