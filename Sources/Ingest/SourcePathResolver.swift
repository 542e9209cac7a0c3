import CoverageModel
import Foundation

/// Gives each file of a report a repository-relative key when it resolves under the source root.
///
/// A name is tried against each `<source>` root (relative roots are taken from the source root),
/// then as written. A candidate that exists on disk wins over one that only lies under the root
/// lexically. Files that do not resolve keep their normalized names, and a warning says so; two
/// different names never end up with one key.
public struct SourcePathResolver: Sendable {
    /// The absolute, normalized source root.
    public let sourceRoot: String
    private let fileExists: @Sendable (String) -> Bool

    /// - Parameters:
    ///   - sourceRoot: the repository root; relative paths are taken from the current folder.
    ///   - fileExists: how to test for a file; the real file system by default.
    public init(sourceRoot: String, fileExists: @escaping @Sendable (String) -> Bool = SourcePathResolver.isRegularFile) {
        let absolute = ReportPath.join(FileManager.default.currentDirectoryPath, sourceRoot)
        self.sourceRoot = ReportPath.normalize(absolute)
        self.fileExists = fileExists
    }

    /// The report with `key` set on every file that resolves, plus warnings for the rest.
    public func resolve(_ report: CoverageReport) -> CoverageReport {
        let allRoots = report.sources.map { ReportPath.normalize(ReportPath.join(sourceRoot, $0)) }
        // Without `..` in a name, only roots that are the source root, inside it or above it can lead
        // the name inside it; the others are skipped (a stat per file each, on 50 000-file reports).
        let nearRoots = allRoots.filter { root in
            root == sourceRoot || ReportPath.relative(root, to: sourceRoot) != nil
                || ReportPath.relative(sourceRoot, to: root) != nil || root == "/"
        }
        var resolved = report
        resolved.files = report.files.map { file in
            var copy = file
            copy.key = key(for: file.name, roots: ReportPath.hasDotDot(file.name) ? allRoots : nearRoots)
            return copy
        }
        resolved.files = Self.keepingDisplayPathsUnique(resolved.files, warnings: &resolved.warnings)
        let unresolved = resolved.files.filter { $0.key == nil }.map(\.name)
        if !unresolved.isEmpty {
            let examples = unresolved.prefix(5).joined(separator: ", ")
            let more = unresolved.count > 5 ? ", and \(unresolved.count - 5) more" : ""
            resolved.warnings.append(
                "\(unresolved.count) of \(report.files.count) file(s) did not resolve under the source root "
                    + "via the report's sources \(Self.describe(report.sources)); they keep their names as "
                    + "written: \(examples)\(more)")
        }
        return resolved
    }

    private func key(for name: String, roots: [String]) -> String? {
        let viaSources: [String]
        var guesses: [String] = []
        if ReportPath.isAbsolute(name) {
            viaSources = [ReportPath.normalize(name)]
        } else {
            viaSources = roots.map { ReportPath.normalize(ReportPath.join($0, name)) }
            guesses = [ReportPath.normalize(ReportPath.join(sourceRoot, name))]
        }
        func inside(_ candidates: [String]) -> [(path: String, key: String)] {
            candidates.compactMap { candidate in
                ReportPath.relative(candidate, to: sourceRoot).map { (path: candidate, key: $0) }
            }
        }
        // A file on disk wins; without one, trust the report's own sources but not the bare-name guess.
        if let existing = inside(viaSources + guesses).first(where: { fileExists($0.path) }) { return existing.key }
        return inside(viaSources).first?.key
    }

    /// Two names that land on one key (`a.py` and `x/../a.py`), or a key equal to another file's
    /// kept name, fall back to their names, which are unique within a report.
    private static func keepingDisplayPathsUnique(_ files: [SourceFile], warnings: inout [String]) -> [SourceFile] {
        var seen = Set<String>(minimumCapacity: files.count)
        if files.allSatisfy({ seen.insert($0.displayPath).inserted }) { return files }
        var owners: [String: [Int]] = [:]
        for (index, file) in files.enumerated() { owners[file.displayPath, default: []].append(index) }
        var result = files
        for (path, indices) in owners.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            for index in indices { result[index].key = nil }
            let names = indices.map { files[$0].name }.joined(separator: ", ")
            warnings.append("files \(names) resolve to the same path \(path); they are kept apart under their names")
        }
        return result
    }

    private static func describe(_ sources: [String]) -> String {
        sources.isEmpty ? "(none)" : "(" + sources.joined(separator: ", ") + ")"
    }

    /// `stat(2)` directly: FileManager's check cost several thousand instructions per file.
    @Sendable public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
