// swift-tools-version:6.0
import PackageDescription

// One settings array for every target, so language mode and warnings never drift apart.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

// Linux only: the site is swapped in with renameat2(RENAME_EXCHANGE), files are written with
// Glibc's write and stamped by stat's st_mtim. (No `platforms:` entry: SwiftPM declares Apple
// platforms only, and macOS is not supported.)
let package = Package(
    name: "Tidemark",
    products: [
        .executable(name: "tidemark", targets: ["tidemark"]),
        // For the fuzzing harness in Fuzz/ (a package of its own that depends on this one by path):
        // everything that reads bytes Tidemark did not write, the source files' lexer included.
        .library(name: "TidemarkReaders", targets: ["Ingest", "HistoryStore", "CoverageModel", "SyntaxHighlight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // MARK: - C libraries
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The line archives' deflate and inflate: a 20 000-file run's 3.7 MB in 10 ms and 2.3 ms, against
        // zlib's 20 ms and 7.5 ms, and 11 % smaller (the same zlib format either way).
        .systemLibrary(name: "CDeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(name: "CShims"),
        // Passes over a page's text 32 or 16 bytes at a time (AVX2 or SSE2): a source file's line ends and the
        // bytes a page must escape, and whether a page's lines are clean as written.
        .target(name: "CTextScan"),
        // zlib's CRC-32 and Adler-32 64 bytes a step (PCLMULQDQ, SSSE3): an input's fingerprint is both
        // over its every byte, on a core the parse needs.
        .target(name: "CChecksum"),
        // libpq, loaded at run time (dlopen): the binary runs without it until a history is a
        // postgresql:// URL. Its header is checked against libpq-dev's where that is installed.
        .target(name: "CPostgres"),

        // MARK: - Stages: XML → model → page models → files
        .target(name: "CoverageModel", swiftSettings: swiftSettings),
        // Helpers for work spread over cores: result slots, a value computed on another thread.
        .target(name: "Concurrency", dependencies: ["CShims"], swiftSettings: swiftSettings),
        .target(
            name: "Ingest",
            dependencies: ["CChecksum", "CLibXML2", "CZlib", "Concurrency", "CoverageModel", "Formatting"],
            // The SAX callbacks mutate the reader's state millions of times per report; the dynamic
            // exclusivity checks this turns off are measured in docs/performance.md.
            swiftSettings: swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(
            name: "HistoryStore",
            dependencies: [
                "CSQLite", "CPostgres", "CZlib", "CDeflate", "Concurrency", "CoverageModel", "Formatting",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Formatting", dependencies: ["CoverageModel"], swiftSettings: swiftSettings),
        .target(name: "CoverageAnalysis", dependencies: ["CoverageModel", "Formatting"], swiftSettings: swiftSettings),
        // Our own Mustache engine: swift-mustache's dynamic casts and context lookups were half of a
        // large render's CPU (docs/performance.md), so templates are compiled once into a flat
        // program and rendered straight into bytes.
        .target(name: "Templating", swiftSettings: swiftSettings),
        // Syntax colour for file pages: a small table-driven lexer per language (no package for it here).
        .target(name: "SyntaxHighlight", swiftSettings: swiftSettings),
        .target(
            name: "SiteRenderer",
            dependencies: [
                "Concurrency", "CoverageModel", "CoverageAnalysis", "CShims", "CTextScan", "Formatting",
                "SyntaxHighlight", "Templating",
            ],
            swiftSettings: swiftSettings,
            plugins: ["TemplateEmbedderPlugin"]
        ),
        // The orchestration every command shares: settings, record, render, gates, watch, status.
        // Tests drive it without spawning the binary.
        .target(
            name: "TidemarkCore",
            dependencies: [
                "Concurrency", "CoverageModel", "CoverageAnalysis", "CShims", "Formatting", "Ingest", "HistoryStore",
                "SiteRenderer", .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: parse, call TidemarkCore, print.
        .executableTarget(
            name: "tidemark",
            dependencies: [
                "TidemarkCore", "CoverageModel", "Concurrency",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["BuildInfoPlugin"]
        ),

        // MARK: - Build tooling: Templates/ carried inside the binary
        .executableTarget(name: "TemplateEmbedder", swiftSettings: swiftSettings),
        .plugin(
            name: "TemplateEmbedderPlugin",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"],
            path: "Sources/TemplateEmbedderPlugin"
        ),
        // `tidemark --version`: the version from VERSION and the commit, generated on every build.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), path: "Sources/BuildInfoPlugin"),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["CoverageModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CoverageModelTests",
            dependencies: ["CoverageModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "CChecksum", "CZlib", "CoverageModel", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FormattingTests", dependencies: ["Formatting", "CoverageModel", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CoverageAnalysisTests",
            dependencies: ["CoverageAnalysis", "CoverageModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HistoryStoreTests",
            dependencies: ["HistoryStore", "CZlib", "CoverageAnalysis", "CoverageModel", "Ingest", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"], swiftSettings: swiftSettings),
        .testTarget(name: "SyntaxHighlightTests", dependencies: ["SyntaxHighlight"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SiteRendererTests",
            dependencies: [
                "SiteRenderer", "CTextScan", "CoverageAnalysis", "CoverageModel", "Formatting", "Ingest", "TestSupport",
            ],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TidemarkCoreTests",
            dependencies: [
                "TidemarkCore", "Concurrency", "HistoryStore", "CoverageModel", "Formatting", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TidemarkTests",
            dependencies: ["TestSupport", "HistoryStore", "CoverageModel"],
            swiftSettings: swiftSettings
        ),
    ]
)
