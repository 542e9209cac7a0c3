import CoverageModel
import Foundation
import SiteRenderer

/// Reads the source of a report's files for the file sections, only from inside the source root.
///
/// A file is read only when it resolved under the source root (it has a key) and its real path —
/// after `..` and symbolic links — is still inside the root's real path. Anything else gets a
/// reason instead of text, so a report naming `../../etc/passwd`, `/etc/hostname` or a symlink out
/// of the checkout shows nothing from outside it.
struct SourceReader {
    let sourceRoots: SourceRoots

    func sources(for run: Run) -> [String: [String: SourceText]] {
        var result: [String: [String: SourceText]] = [:]
        for component in run.components {
            guard let report = component.report else { continue }
            let root = realPath(sourceRoots.root(for: component.name))
            let files = report.files
            // Each folder's real path once (a 20 000-file report has ~2 000 folders), then one lstat
            // per file; realpath per file walked every component of every path.
            var folders: [Substring: String?] = [:]
            if let root {
                for file in files {
                    guard let key = file.key, let slash = key.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
                    folders[key[..<slash]] = .some(nil)
                }
                let names = Array(folders.keys)
                let resolved = Self.concurrentMap(names) { realPath(root == "/" ? "/" + $0 : root + "/" + $0) }
                for (name, real) in zip(names, resolved) { folders[name] = .some(real) }
            }
            let texts = Self.concurrentMap(files) { text(of: $0, root: root, folders: folders) }
            result[component.name] = Dictionary(zip(files.map(\.displayPath), texts), uniquingKeysWith: { first, _ in first })
        }
        return result
    }

    private func text(of file: SourceFile, root: String?, folders: [Substring: String?]) -> SourceText {
        guard let root else { return .unavailable(reason: "The source root does not exist, so no source is shown.") }
        guard let key = file.key else {
            return .unavailable(reason: "This file did not resolve under the source root, so its source is not read.")
        }
        var info = stat()
        guard let real = realPath(of: key, root: root, folders: folders, info: &info) else {
            return .unavailable(reason: "The source file is not in the source root (it may have moved or been deleted).")
        }
        guard real.hasPrefix(root == "/" ? "/" : root + "/") else {
            return .unavailable(reason: "The file's real path leads outside the source root (a symbolic link?), so it is not read.")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .unavailable(reason: "The source path is not a regular file.")
        }
        // Read later, only if the page has to be rendered; the stamp stands in for the content.
        return .file(
            path: real,
            stamp: String(info.st_size) + "-" + String(info.st_mtim.tv_sec) + "." + String(info.st_mtim.tv_nsec) + "-"
                + String(info.st_ino))
    }

    /// The file's real path and its `stat`: its folder's real path (already resolved) plus its name
    /// when the name is not a symbolic link, `.` or `..` (one lstat); otherwise realpath on the whole
    /// candidate, then stat.
    private func realPath(of key: String, root: String, folders: [Substring: String?], info: inout stat) -> String? {
        let slash = key.utf8.lastIndex(of: UInt8(ascii: "/"))
        let name = slash.map { key[key.utf8.index(after: $0)...] } ?? Substring(key)
        let folder: String?? = slash.map { folders[key[..<$0]] } ?? .some(.some(root))
        guard !name.isEmpty, name != ".", name != "..", case .some(let resolved) = folder else {
            let candidate = root == "/" ? "/" + key : root + "/" + key
            return realPath(candidate).flatMap { stat($0, &info) == 0 ? $0 : nil }
        }
        guard let resolved else { return nil }
        let path = resolved == "/" ? "/" + name : resolved + "/" + name
        guard lstat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        return realPath(path).flatMap { stat($0, &info) == 0 ? $0 : nil }
    }

    /// `transform` over `items` on all cores, results in order.
    private static func concurrentMap<Item: Sendable, Value>(_ items: [Item], _ transform: (Item) -> Value) -> [Value] {
        let slots = UnsafeMutableBufferPointer<Value>.allocate(capacity: items.count)
        defer { slots.deallocate() }
        let base = UncheckedSlots(pointer: UnsafeMutableRawPointer(slots.baseAddress))
        withoutActuallyEscaping(transform) { transform in
            let shared = UncheckedClosure(call: transform)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                base.pointer?.assumingMemoryBound(to: Value.self).advanced(by: index).initialize(to: shared.call(items[index]))
            }
        }
        return (0..<items.count).map { (slots.baseAddress! + $0).move() }
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Slots each written by exactly one concurrent iteration.
private struct UncheckedSlots: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer?
}

/// A closure that only reads shared state, called from concurrent iterations.
private struct UncheckedClosure<Item, Value>: @unchecked Sendable {
    let call: (Item) -> Value
}
