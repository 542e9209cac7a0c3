import Foundation

/// What the history keeps of every run: counts per component and per file, no lines.
/// Trends, deltas and the history page are drawn from these.
public struct RunSummary: Sendable, Hashable {
    /// A stable identity: the same run has the same id in every history it is imported into.
    public var id: String
    public var time: Date
    public var source: RunSource
    /// Components sorted by name.
    public var components: [ComponentSummary]
    /// Recorded after a run with a later time (a backfill, or a run whose clock was behind): it
    /// sits among the older runs, not at the end.
    public var isBackfill: Bool

    public init(id: String, time: Date, source: RunSource, components: [ComponentSummary], isBackfill: Bool = false) {
        self.id = id
        self.time = time
        self.source = source
        self.components = components.sorted { $0.name < $1.name }
        self.isBackfill = isBackfill
    }

    /// Sums over measured components.
    public var totals: Counts { components.filter { $0.status == .measured }.map(\.counts).total() }

    public func component(named name: String) -> ComponentSummary? { components.first { $0.name == name } }
}

/// One component of a stored run.
public struct ComponentSummary: Sendable, Hashable {
    public var name: String
    public var producer: Producer?
    public var status: ComponentStatus
    public var counts: Counts
    public var tests: TestResults?
    public var contentHash: String
    /// Per-file counts, sorted by path; empty when only totals were loaded.
    public var files: [FileSummary]

    public init(
        name: String, producer: Producer?, status: ComponentStatus, counts: Counts, tests: TestResults?,
        contentHash: String, files: [FileSummary] = []
    ) {
        self.name = name
        self.producer = producer
        self.status = status
        self.counts = counts
        self.tests = tests
        self.contentHash = contentHash
        // Usually in order already (a report's files come by name): then kept, not copied by a sort.
        let isSorted = files.indices.dropFirst().allSatisfy { !(files[$0].path < files[$0 - 1].path) }
        self.files = isSorted ? files : files.sorted { $0.path < $1.path }
    }
}

/// One file's counts in a stored run; `path` is the file's display path.
public struct FileSummary: Sendable, Hashable {
    public var path: String
    public var counts: Counts

    public init(path: String, counts: Counts) {
        self.path = path
        self.counts = counts
    }
}

extension Run {
    /// The stored form of this run, identified by `id`.
    public func summary(id: String) -> RunSummary {
        RunSummary(
            id: id, time: time, source: source,
            components: components.map { component in
                ComponentSummary(
                    name: component.name, producer: component.report?.producer, status: component.status,
                    counts: component.report?.totals ?? .zero, tests: component.tests,
                    contentHash: component.contentHash,
                    files: Self.fileSummaries(component.report?.files ?? []))
            })
    }

    /// Each file's display path copied into a string of its own, made one after another: the
    /// report's strings were made among each file's lines on two threads, and recording reads these
    /// paths in several passes (sorting, the path table, the rows), each of which found them cold.
    static func fileSummaries(_ files: [SourceFile]) -> [FileSummary] {
        files.withUnsafeBufferPointer { files in
            files.indices.map { index in
                FileSummary(path: copy(files[index].key ?? files[index].name), counts: files[index].counts)
            }
        }
    }

    private static func copy(_ text: String) -> String {
        text.utf8.withContiguousStorageIfAvailable { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
