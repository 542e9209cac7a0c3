import CShims
import CoverageModel
import Formatting
import Foundation
import SiteRenderer

/// Finds the source of a page's files, only from inside the source root, on the page's own job.
///
/// A file is read only when it resolved under the source root (it has a key) and its real path —
/// after `..` and symbolic links — is still inside the root's real path. Anything else gets a
/// reason instead of text, so a report naming `../../etc/passwd`, `/etc/hostname` or a symlink out
/// of the checkout shows nothing from outside it. Files are checked, not read: a page whose inputs
/// did not change is not drawn, and its fingerprint takes each file's size, time and inode.
struct SourceReader: SourceLocator {
    /// Each component's root as its real path (nil when it does not exist); `fallback` for any other.
    private let roots: [String: String?]
    private let fallback: String?
    /// The roots as given (`--source-root`, tidemark.toml), for pages without source.
    private let given: SourceRoots

    init(sourceRoots: SourceRoots, components: [String]) {
        var roots: [String: String?] = [:]
        for name in components { roots[name] = .some(Self.realPath(sourceRoots.root(for: name))) }
        self.roots = roots
        fallback = Self.realPath(sourceRoots.fallback)
        given = sourceRoots
    }

    func sourceRoot(component: String) -> String? { given.root(for: component) }

    func sources(component: String, files: [SourceFile]) -> [SourceText] {
        guard let root = roots[component] ?? fallback else {
            return files.map { _ in .notFound(reason: "The source root does not exist, so no source is shown.") }
        }
        // A page shows one folder's files: each folder is resolved and opened once, and each file is
        // checked relative to it (one fstatat, no walk of the whole path per file).
        let base = Base(root: root)
        var folders: [Substring: Folder] = [:]
        defer {
            for folder in folders.values where folder.descriptor >= 0 { close(folder.descriptor) }
            if base.descriptor >= 0 { close(base.descriptor) }
        }
        return files.map { file in
            guard let key = file.key else {
                return .notFound(
                    reason:
                        "This file did not resolve under the source root when the run was recorded, so its source is "
                        + "not read."
                )
            }
            let slash = key.utf8.lastIndex(of: UInt8(ascii: "/"))
            let name = slash.map { key[key.utf8.index(after: $0)...] } ?? Substring(key)
            let folderKey = slash.map { key[..<$0] } ?? ""
            let folder: Folder
            if let known = folders[folderKey] {
                folder = known
            } else {
                folder = Folder(base: base, key: folderKey)
                folders[folderKey] = folder
            }
            return text(name: name, key: key, in: folder, base: base)
        }
    }

    private func text(name: Substring, key: String, in folder: Folder, base: Base) -> SourceText {
        var info = stat()
        let real: String?
        // Whether `real` is inside the root, when the folder already tells (a file that is no link).
        var inside: Bool?
        if !name.isEmpty, name != ".", name != "..", let prefix = folder.prefix, folder.descriptor >= 0 {
            if name.withCString({ fstatat(folder.descriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }) != 0 {
                real = nil
            } else if (info.st_mode & S_IFMT) == S_IFLNK {
                real = Self.realPath(prefix + name).flatMap { stat($0, &info) == 0 ? $0 : nil }
            } else {
                var path = prefix
                path.append(contentsOf: name)
                real = path
                inside = folder.isInsideRoot
            }
        } else {
            // A name that is `.`, `..` or empty, or a folder that cannot be opened: the whole path's real path.
            real = Self.realPath(base.prefix + key).flatMap { stat($0, &info) == 0 ? $0 : nil }
        }
        guard let real else {
            return .notFound(reason: "The source file is not in the source root (it may have moved or been deleted).")
        }
        guard inside ?? real.hasPrefix(base.prefix) else {
            return .unavailable(
                reason: "The file's real path leads outside the source root (a symbolic link?), so it is not read.")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .unavailable(reason: "The source path is not a regular file.")
        }
        // Read later, only if the page has to be drawn; the stamp stands in for the content:
        // "size-seconds.nanoseconds-inode", written as bytes at once: one per source file, so
        // joining strings would cost more than the fstatat itself.
        var stamp: [UInt8] = []
        stamp.reserveCapacity(64)
        func add(_ value: some BinaryInteger, then separator: UInt8?) {
            stamp.appendDecimal(value)
            if let separator { stamp.append(separator) }
        }
        add(info.st_size, then: UInt8(ascii: "-"))
        add(info.st_mtim.tv_sec, then: UInt8(ascii: "."))
        add(info.st_mtim.tv_nsec, then: UInt8(ascii: "-"))
        add(info.st_ino, then: nil)
        return .file(path: real, stamp: String(decoding: stamp, as: UTF8.self))
    }

    /// A component's source root (its real path) while one page's files are checked: the path with
    /// a slash after it, and an open descriptor (-1 when it cannot be opened).
    private struct Base {
        let path: String
        let prefix: String
        let descriptor: Int32

        init(root: String) {
            path = root
            prefix = root == "/" ? "/" : root + "/"
            descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
    }

    /// A folder of the source tree: its real path with a slash after it, whether that is inside the
    /// root, and an open descriptor (-1 when it cannot be opened).
    private struct Folder {
        let prefix: String?
        let isInsideRoot: Bool
        let descriptor: Int32

        init(base: Base, key: Substring) {
            if key.isEmpty {
                (prefix, isInsideRoot) = (base.prefix, true)
                descriptor = open(base.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                return
            }
            // Opened below the root with no link on the way, the folder's real path is the root's
            // followed by its key: one call, where realpath(3) read every component of the path as a
            // link (ten calls for a folder four deep in a checkout six deep).
            if base.descriptor >= 0, Self.isPlain(key) {
                let descriptor = String(key).withCString { tidemark_open_folder_without_links(base.descriptor, $0) }
                if descriptor >= 0 {
                    (prefix, isInsideRoot, self.descriptor) = (base.prefix + key + "/", true, descriptor)
                    return
                }
                // A link on the way (ELOOP), a kernel without openat2 (ENOSYS), a missing folder: as below.
            }
            let realPath = SourceReader.realPath(base.prefix + key)
            prefix = realPath.map { $0 == "/" ? "/" : $0 + "/" }
            isInsideRoot = realPath.map { $0 == base.path || $0.hasPrefix(base.prefix) } ?? false
            descriptor = realPath.map { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } ?? -1
        }

        /// Every component a plain name: none empty, `.` or `..`.
        private static func isPlain(_ key: Substring) -> Bool {
            key.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0 != "." && $0 != ".."
            }
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
