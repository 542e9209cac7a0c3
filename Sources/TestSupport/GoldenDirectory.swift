import Foundation

/// Compares a written folder with its golden copy file by file (STYLE.md §4).
///
/// Missing and extra files are differences too. With `RECORD_SNAPSHOTS=1` the golden copy is
/// rewritten and the comparison still reports a difference, so a recording run never passes
/// silently. On a mismatch the actual output is copied to `<golden>/../.actual/<scenario>`, which
/// git ignores, for a diff.
public enum GoldenDirectory {
    /// The differences between `actual` and `golden`; empty when they are byte-identical.
    public static func compare(actual: URL, golden: URL) throws -> [String] {
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: actual, to: golden)
            return ["recorded \(golden.lastPathComponent); run the tests again without RECORD_SNAPSHOTS"]
        }
        let actualFiles = try files(under: actual)
        let goldenFiles = try files(under: golden)
        var problems: [String] = []
        for name in goldenFiles.subtracting(actualFiles).sorted() { problems.append("missing: \(name)") }
        for name in actualFiles.subtracting(goldenFiles).sorted() { problems.append("not compared (extra): \(name)") }
        for name in actualFiles.intersection(goldenFiles).sorted() {
            let left = try Data(contentsOf: actual.appendingPathComponent(name))
            let right = try Data(contentsOf: golden.appendingPathComponent(name))
            if left != right { problems.append("differs: \(name)") }
        }
        if !problems.isEmpty {
            let keep = golden.deletingLastPathComponent().appendingPathComponent(".actual/\(golden.lastPathComponent)")
            try? FileManager.default.removeItem(at: keep)
            try? FileManager.default.createDirectory(
                at: keep.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.copyItem(at: actual, to: keep)
            problems.append("actual output kept in \(keep.path)")
        }
        return problems
    }

    /// Relative paths of the regular files under `root`; empty when `root` does not exist.
    public static func files(under root: URL) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        let base = root.standardizedFileURL.path
        var names = Set<String>()
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            // The incremental-render manifest holds fingerprints of this machine's source files
            // (size, mtime, inode): bookkeeping, not content, and different on every machine.
            if url.lastPathComponent == ".tidemark-manifest" { continue }
            names.insert(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return names
    }
}
