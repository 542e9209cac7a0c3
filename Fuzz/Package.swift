// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses over Tidemark's readers. A package of its own, beside the main one and
// depending on it by path, so `swift build` / `swift test` of the main package never see these
// targets or their flags, and no manifest depends on an environment variable. Build and run with
// `bash Scripts/fuzz.sh` (see docs/fuzzing.md).
//
// `swift build --sanitize=fuzzer` compiles every executable with `-parse-as-library`, so libFuzzer's
// main() runs and each harness only defines LLVMFuzzerTestOneInput. (It does so for the main
// package's TemplateEmbedder too, which then prints errors that do not stop the build: nothing here
// needs that tool.)
let settings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "TidemarkFuzz",
    dependencies: [.package(name: "Tidemark", path: "..")],
    targets: [
        .target(name: "FuzzSupport", swiftSettings: settings),
        .executableTarget(
            name: "FuzzCobertura",
            dependencies: ["FuzzSupport", .product(name: "TidemarkReaders", package: "Tidemark")],
            swiftSettings: settings),
        .executableTarget(
            name: "FuzzJUnit",
            dependencies: ["FuzzSupport", .product(name: "TidemarkReaders", package: "Tidemark")],
            swiftSettings: settings),
        .executableTarget(
            name: "FuzzHighlight",
            dependencies: [.product(name: "TidemarkReaders", package: "Tidemark")],
            swiftSettings: settings),
        .executableTarget(
            name: "FuzzArchive",
            dependencies: [.product(name: "TidemarkReaders", package: "Tidemark")],
            swiftSettings: settings),
    ]
)
