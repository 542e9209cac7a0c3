import Foundation

/// What one Cobertura file says, recomputed from its `<line>` elements.
public struct CoverageReport: Sendable, Hashable {
    /// The tool the dialect points to.
    public var producer: Producer
    /// The producer's version string as written (`7.17.5`, `gcovr 8.8`), when present.
    public var producerVersion: String?
    /// When the report was written; `nil` when the report says 0 or nothing.
    public var timestamp: Date?
    /// The `<source>` roots as written, `\` turned into `/`, empty ones dropped.
    public var sources: [String]
    /// Files sorted by name.
    public var files: [SourceFile]
    /// Things the reader noticed and the user should know (unresolved paths, odd values).
    public var warnings: [String]

    public init(
        producer: Producer, producerVersion: String? = nil, timestamp: Date?, sources: [String],
        files: [SourceFile], warnings: [String] = []
    ) {
        // Readers mostly hand them over in order already: checking is one comparison per file.
        // By index: zipping the files would copy each file's value (four references) to compare names.
        let isSorted = Self.isInNameOrder(files)
        self.init(
            producer: producer, producerVersion: producerVersion, timestamp: timestamp, sources: sources,
            filesInNameOrder: isSorted ? files : files.sorted { $0.name < $1.name }, warnings: warnings)
    }

    /// A report whose reader has put its files in name order already, as the Cobertura parser does
    /// (`NameOrder`): not compared again. For 20 000 files the comparison was 2-3 ms of `inspect`,
    /// on one core after the parse, reading names made on the parse's other thread. Debug builds
    /// (the tests) still check the order.
    package init(
        producer: Producer, producerVersion: String? = nil, timestamp: Date?, sources: [String],
        filesInNameOrder files: [SourceFile], warnings: [String] = []
    ) {
        assert(Self.isInNameOrder(files), "a reader handed over files out of name order")
        self.producer = producer
        self.producerVersion = producerVersion
        self.timestamp = timestamp
        self.sources = sources
        self.files = files
        self.warnings = warnings
    }

    private static func isInNameOrder(_ files: [SourceFile]) -> Bool {
        files.indices.dropFirst().allSatisfy { !(files[$0].name < files[$0 - 1].name) }
    }

    /// Sums over files.
    public var totals: Counts { files.map(\.counts).total() }
}
