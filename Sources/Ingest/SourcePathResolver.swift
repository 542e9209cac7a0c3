import Concurrency
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

    /// - Parameter sourceRoot: the repository root; relative paths are taken from the current folder.
    public init(sourceRoot: String) {
        let absolute = ReportPath.join(FileManager.default.currentDirectoryPath, sourceRoot)
        self.sourceRoot = ReportPath.normalize(absolute)
    }

    /// The report with `key` set on every file that resolves, plus warnings for the rest.
    ///
    /// Files are looked for on disk as they are now: folders are listed once per call (`SourceTree`),
    /// never remembered from an earlier report.
    public func resolve(_ report: consuming CoverageReport) -> CoverageReport {
        var resolved = keyed(report)
        warnAboutKeysNotOnDisk(&resolved)
        return resolved
    }

    /// The report with its keys set, and a warning for the files that did not resolve.
    private func keyed(_ report: consuming CoverageReport) -> CoverageReport {
        var resolved = report
        let allRoots = resolved.sources.map {
            Root(ReportPath.normalize(ReportPath.join(sourceRoot, $0)), sourceRoot: sourceRoot)
        }
        // Without `..` in a name, only roots that are the source root, inside it or above it can lead
        // the name inside it; the others are skipped (a look on disk per file each).
        let nearRoots = allRoots.filter { $0.relation != .unrelated || $0.path == "/" }
        // The usual case: the report's sources are the source root itself, so a plain name is its own
        // key under every root, and `plainKey` would answer that without a look on disk.
        let onlyRoot =
            nearRoots.allSatisfy { $0.relation == .same || $0.relation == .unrelated }
            ? nearRoots.firstIndex { $0.relation == .same } : nil
        // Then, when every name is plain, each is its own key by that one rule: as distinct as the
        // names, nothing unresolved. Set in place, without the lists of names and answers below (a
        // third of resolving 20 000 names was making and freeing them).
        if onlyRoot != nil, Self.keyEveryPlainName(&resolved.files) { return resolved }
        let names = resolved.files.map(\.name)
        let found = Self.inParts(of: names.count) { range in
            let tree = SourceTree()
            return names[range].map { name -> (key: String?, rule: Int?) in
                // A plain name cannot climb out of a root, so only the near roots can hold it.
                guard ReportPath.isPlainRelative(name) else {
                    return (key(for: name, roots: ReportPath.hasDotDot(name) ? allRoots : nearRoots, tree: tree), nil)
                }
                if let onlyRoot { return (name, onlyRoot) }
                return plainKey(for: name, roots: nearRoots, tree: tree)
            }
        }
        // Keys made from plain names by one rule (the same root's), or no keys at all, are as
        // distinct as the names, which a report holds once each: nothing to check.
        var rule: Int? = nil
        var oneRule = true
        for (index, found) in found.enumerated() {
            resolved.files[index].key = found.key
            if oneRule {
                if let foundRule = found.rule, rule == nil || rule == foundRule {
                    rule = foundRule
                } else {
                    oneRule = false
                }
            }
        }
        if !oneRule || resolved.files.isEmpty {
            Self.keepDisplayPathsUnique(&resolved.files, warnings: &resolved.warnings)
        }
        let unresolved = resolved.files.lazy.filter { $0.key == nil }
        if let first = unresolved.first {
            let count = unresolved.count
            let examples = [first.name] + unresolved.dropFirst().prefix(4).map(\.name)
            let more = count > 5 ? ", and \(count - 5) more" : ""
            resolved.warnings.append(
                "\(count) of \(resolved.files.count) file(s) did not resolve under the source root "
                    + "via the report's sources \(Self.describe(resolved.sources)); they keep their names as "
                    + "written: \(examples.joined(separator: ", "))\(more)")
        }
        return resolved
    }

    /// Keys can be made from paths alone: a plain name is its own key when the report's source is
    /// the source root, and a name no candidate of which is on disk takes its key from the report's
    /// sources. Either way the history keeps one key per file wherever the run is recorded, but pages
    /// rendered here would show no source, silently. So a few keyed files, spread over the report,
    /// are looked for (a few `stat` calls); when one is missing, every keyed file is, and a warning
    /// says how many are not under the source root and what would fix it.
    private func warnAboutKeysNotOnDisk(_ report: inout CoverageReport) {
        let keyed = report.files.indices.filter { report.files[$0].key != nil }
        guard !keyed.isEmpty else { return }
        func isOnDisk(_ index: Int) -> Bool {
            guard let key = report.files[index].key else { return true }
            return Self.isRegularFile(sourceRoot == "/" ? "/" + key : sourceRoot + "/" + key)
        }
        let samples = Set(
            (0..<min(8, keyed.count)).map { keyed[$0 * (keyed.count - 1) / max(1, min(8, keyed.count) - 1)] })
        guard samples.contains(where: { !isOnDisk($0) }) else { return }
        let missing = keyed.filter { !isOnDisk($0) }.map { report.files[$0].key ?? "" }
        guard let first = missing.first else { return }
        let examples = ([first] + missing.dropFirst().prefix(2)).joined(separator: ", ")
        let more = missing.count > 3 ? ", and \(missing.count - 3) more" : ""
        report.warnings.append(
            "\(missing.count) of \(keyed.count) file(s) resolved under the source root \(sourceRoot) by their paths, "
                + "but no such file is there (\(examples)\(more)), so their pages show no source; if the checkout "
                + "is elsewhere, record with its folder as the source root (--source-root)")
    }

    /// Gives every file its name as its key, when every name is plain (`ReportPath.isPlainRelative`);
    /// returns false, with some keys set, at the first name that is not.
    ///
    /// In parts on every core, as `inParts` does: the names were made on the parse's two threads and
    /// are cold in this core's cache, and each key's copy retains its name, so one core waited for
    /// 20 000 misses in turn (4-5 ms after the parse of the 20 000-file report, the other core idle).
    private static func keyEveryPlainName(_ files: inout [SourceFile]) -> Bool {
        let count = files.count
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, count / partSize)
        return files.withUnsafeMutableBufferPointer { buffer in
            guard parts > 1 else { return keyPlainNames(buffer, in: 0..<count) }
            let shared = SharedFiles(buffer: buffer)
            let plain = Slots<Bool>(count: parts)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                plain.set(part, keyPlainNames(shared.buffer, in: count * part / parts..<count * (part + 1) / parts))
            }
            return plain.all.allSatisfy { $0 == true }
        }
    }

    /// `keyEveryPlainName` over `files[range]`.
    private static func keyPlainNames(_ files: UnsafeMutableBufferPointer<SourceFile>, in range: Range<Int>) -> Bool {
        for index in range {
            guard ReportPath.isPlainRelative(files[index].name) else { return false }
            files[index].key = files[index].name
        }
        return true
    }

    /// The files, shared by the parts of `keyEveryPlainName`, each of which writes only its own range.
    private struct SharedFiles: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<SourceFile>
    }

    /// Files per part when a report's names are looked up on both cores: each part lists its own
    /// folders, so small reports stay on one.
    static let partSize = 2_048

    /// `work` over `0..<count` in contiguous parts, on every core when there are several; results in order.
    /// Names come sorted, so a part's files share their folders.
    private static func inParts<Value: Sendable>(
        of count: Int, _ work: @Sendable (Range<Int>) -> [Value]
    ) -> [Value] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, count / partSize)
        guard parts > 1 else { return work(0..<count) }
        let results = Slots<[Value]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results.set(part, work(count * part / parts..<count * (part + 1) / parts))
        }
        return results.all.flatMap { $0 ?? [] }
    }

    // MARK: - Keys

    /// A `<source>` root and where it stands against the source root.
    private struct Root {
        enum Relation: Equatable {
            /// The source root itself.
            case same
            /// Inside it, at this relative path.
            case inside(String)
            /// Above it: the source root is this relative path below the root.
            case above(String)
            case unrelated
        }

        let path: String
        let relation: Relation

        init(_ path: String, sourceRoot: String) {
            self.path = path
            if path == sourceRoot {
                relation = .same
            } else if let inside = ReportPath.relative(path, to: sourceRoot) {
                relation = .inside(inside)
            } else if let above = ReportPath.relative(sourceRoot, to: path) {
                relation = .above(above)
            } else {
                relation = .unrelated
            }
        }

        /// The key of a plain name under this root, or `nil` when it lands outside the source root.
        func key(of name: String) -> String? {
            switch relation {
            case .same: return name
            case .inside(let prefix): return prefix + "/" + name
            case .above(let down):
                // As `ReportPath.relative` of the joined path: the name must go below `down`.
                guard name.utf8.count > down.utf8.count + 1, name.utf8.starts(with: (down + "/").utf8) else {
                    return nil
                }
                return String(name.utf8.dropFirst(down.utf8.count + 1))
            case .unrelated: return nil
            }
        }
    }

    /// The key of a relative name with no `.`, `..` or empty segment, without building the candidate
    /// paths: each root's key follows from where the root stands. `rule` says how the key was made:
    /// under the root of that index, under the source root itself (-1), or not at all (-2).
    private func plainKey(for name: String, roots: [Root], tree: SourceTree) -> (key: String?, rule: Int?) {
        // Candidates in order: each root, then the name under the source root itself (the guess).
        var firstVia: (key: String, root: Int)?
        var candidates: [(key: String, root: Int)] = []
        for (index, root) in roots.enumerated() {
            guard let key = root.key(of: name) else { continue }
            if firstVia == nil { firstVia = (key, index) }
            candidates.append((key, index))
        }
        candidates.append((name, -1))
        // One path for every candidate: it is the answer whether or not it exists, unless it only
        // came from the guess, which counts only when the file is there.
        if let firstVia, candidates.allSatisfy({ $0.key == firstVia.key }) { return (firstVia.key, firstVia.root) }
        for candidate in candidates where exists(key: candidate.key, tree: tree) {
            return (candidate.key, candidate.root)
        }
        return firstVia.map { ($0.key, $0.root) } ?? (nil, -2)
    }

    private func exists(key: String, tree: SourceTree) -> Bool {
        let path = sourceRoot == "/" ? "/" + key : sourceRoot + "/" + key
        return exists(path: path, tree: tree)
    }

    private func exists(path: String, tree: SourceTree) -> Bool {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return false }
        let folder = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
        return tree.isRegularFile(folder: folder, name: path[path.utf8.index(after: slash)...])
    }

    /// Any other name: absolute, or with `.`, `..` or empty segments.
    private func key(for name: String, roots: [Root], tree: SourceTree) -> String? {
        let viaSources: [String]
        var guesses: [String] = []
        if ReportPath.isAbsolute(name) {
            viaSources = [ReportPath.normalize(name)]
        } else {
            viaSources = roots.map { ReportPath.normalize(ReportPath.join($0.path, name)) }
            guesses = [ReportPath.normalize(ReportPath.join(sourceRoot, name))]
        }
        func inside(_ candidates: [String]) -> [(path: String, key: String)] {
            candidates.compactMap { candidate in
                ReportPath.relative(candidate, to: sourceRoot).map { (path: candidate, key: $0) }
            }
        }
        // A file on disk wins; without one, trust the report's own sources but not the bare-name guess.
        if let existing = inside(viaSources + guesses).first(where: { exists(path: $0.path, tree: tree) }) {
            return existing.key
        }
        return inside(viaSources).first?.key
    }

    // MARK: - Unique names

    /// Two names that land on one key (`a.py` and `x/../a.py`), or a key equal to another file's
    /// kept name, fall back to their names, which are unique within a report.
    private static func keepDisplayPathsUnique(_ files: inout [SourceFile], warnings: inout [String]) {
        var seen = Set<String>(minimumCapacity: files.count)
        if files.allSatisfy({ seen.insert($0.displayPath).inserted }) { return }
        var owners: [String: [Int]] = [:]
        for (index, file) in files.enumerated() { owners[file.displayPath, default: []].append(index) }
        for (path, indices) in owners.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let names = indices.map { files[$0].name }.joined(separator: ", ")
            for index in indices { files[index].key = nil }
            warnings.append("files \(names) resolve to the same path \(path); they are kept apart under their names")
        }
    }

    private static func describe(_ sources: [String]) -> String {
        sources.isEmpty ? "(none)" : "(" + sources.joined(separator: ", ") + ")"
    }

    /// `stat(2)` directly: FileManager's check costs far more, once per file (docs/performance.md).
    @Sendable public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
