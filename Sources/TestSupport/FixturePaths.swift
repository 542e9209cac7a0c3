import Foundation

/// Where test material lives: the package's own fixtures, and the team's shared corpus beside the checkout.
public enum FixturePaths {
    /// The package root, found from this source file's location (`Sources/TestSupport/…`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/<target>/Fixtures/<name>`.
    public static func fixture(_ name: String, in target: String = "IngestTests") -> String {
        packageRoot.appendingPathComponent("Tests/\(target)/Fixtures/\(name)").path
    }

    /// `../shared/corpus`, or `nil` when the shared folder is absent (tests then skip with a message).
    public static var sharedCorpus: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("expected.json").path) ? url : nil
    }

    /// The built `tidemark` executable next to the test bundle, for end-to-end tests.
    public static var tidemarkBinary: URL {
        let candidates =
            [
                Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            ] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in candidates {
            let url = directory.appendingPathComponent("tidemark")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/tidemark")
    }
}
