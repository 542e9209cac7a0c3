import Foundation
import TestSupport
import Testing

/// Rendering into an existing site: pages whose inputs did not change are kept (hard-linked), and the
/// result is byte for byte the site a full render of the same history writes.
struct IncrementalRenderTests {
    static let python = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python")
    static let rust = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/rust")

    static func record(_ run: Int, history: String) throws {
        let result = try CommandRunner.tidemark([
            "record", "--history", history, "--commit", "run\(run)", "--branch", "main",
            "--input", "python=\(python.path)/history/coverage-run0\(run).xml", "--source-root",
            "python=\(python.path)",
            // The Rust component does not change between runs.
            "--input", "rust=\(rust.path)/reports/coverage.xml", "--source-root", "rust=\(rust.path)",
        ])
        #expect(result.status == 0 || result.status == 2, "\(result.stderr)")
    }

    static func render(_ history: String, into output: String) throws {
        let result = try CommandRunner.tidemark([
            "render", "--history", history, "--output", output, "--source-root", "python=\(python.path)",
            "--source-root", "rust=\(rust.path)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    static func inodes(under folder: URL) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for name in try GoldenDirectory.files(under: folder) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            result[name] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        return result
    }

    @Test("A render after a new run keeps unchanged pages and equals a full render of the same history")
    func incrementalEqualsFull() throws {
        let folder = try TemporaryFolder()
        let history = folder.url.appendingPathComponent("history.sqlite").path
        let site = folder.url.appendingPathComponent("site")
        let fresh = folder.url.appendingPathComponent("fresh")
        try Self.record(4, history: history)
        try Self.render(history, into: site.path)
        let before = try Self.inodes(under: site)
        try Self.record(5, history: history)
        try Self.render(history, into: site.path)
        try Self.render(history, into: fresh.path)

        let files = try GoldenDirectory.files(under: site)
        #expect(files == (try GoldenDirectory.files(under: fresh)))
        for name in files {
            let incremental = try Data(contentsOf: site.appendingPathComponent(name))
            #expect(incremental == (try Data(contentsOf: fresh.appendingPathComponent(name))), "\(name)")
        }
        // Run 5 changed the Python component only: the Rust pages are kept; of the Python ones, the
        // pages of files whose coverage moved are drawn again, with the listings that show them.
        let after = try Self.inodes(under: site)
        let kept = Set(files.filter { before[$0] != nil && before[$0] == after[$0] })
        let rustPages = files.filter { $0.hasPrefix("c/rust/") }
        let pythonPages = files.filter { $0.hasPrefix("c/python/") }
        #expect(rustPages.count >= 12 && pythonPages.count >= 12)
        #expect(rustPages.allSatisfy { kept.contains($0) }, "\(rustPages.filter { !kept.contains($0) })")
        let pythonFiles = pythonPages.filter { $0.hasPrefix("c/python/f/") }
        #expect(pythonFiles.count == 5)
        #expect(pythonFiles.contains { kept.contains($0) } && pythonFiles.contains { !kept.contains($0) }, "\(kept)")
        for listing in ["c/python/index.html", "c/python/files.html", "c/python/files-missing-by-missed.html"] {
            #expect(!kept.contains(listing), "\(listing)")
        }
        #expect(!kept.contains("index.html") && !kept.contains("history.html"))
    }
}
