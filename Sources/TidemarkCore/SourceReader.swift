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

    func sources(component: String, files: [SourceRequest]) -> [SourceText] {
        guard let root = roots[component] ?? fallback else {
            return files.map { _ in .notFound(reason: "The source root does not exist, so no source is shown.") }
        }
        // A page shows one folder's files: each folder is resolved and opened once, and each file is
        // checked relative to it (one fstatat, no walk of the whole path per file).
        let base = Base(root: root)
        var folders: [Substring: Folder] = [:]
        // The folder of the file before: a page's files are usually all in one (compared, not hashed).
        var last: (key: Substring, folder: Folder)?
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
            let (folderKey, name) = Self.split(key)
            let folder: Folder
            if let last, last.key == folderKey {
                folder = last.folder
            } else if let known = folders[folderKey] {
                folder = known
            } else {
                folder = Folder(base: base, key: folderKey)
                folders[folderKey] = folder
            }
            last = (folderKey, folder)
            return text(name: name, key: key, in: folder, base: base)
        }
    }

    /// A key's folder (up to its last `/`, or "") and name (after it), found over its bytes.
    private static func split(_ key: String) -> (folder: Substring, name: Substring) {
        let slash =
            key.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.lastIndex(of: UInt8(ascii: "/")).map { key.utf8.index(key.utf8.startIndex, offsetBy: $0) }
            } ?? key.utf8.lastIndex(of: UInt8(ascii: "/"))
        guard let slash else { return ("", Substring(key)) }
        return (key[..<slash], key[key.utf8.index(after: slash)...])
    }

    private func text(name: Substring, key: String, in folder: Folder, base: Base) -> SourceText {
        var info = stat()
        let real: String?
        // Whether `real` is inside the root, when the folder already tells (a file that is no link).
        var inside: Bool?
        if !Self.isDots(name), let prefix = folder.prefix, folder.descriptor >= 0 {
            if Self.withCString(name, { fstatat(folder.descriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }) != 0 {
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
        var stamp = ByteSink(capacity: 4 * 21)
        stamp.appendDecimal(info.st_size)
        stamp.append(UInt8(ascii: "-"))
        stamp.appendDecimal(info.st_mtim.tv_sec)
        stamp.append(UInt8(ascii: "."))
        stamp.appendDecimal(info.st_mtim.tv_nsec)
        stamp.append(UInt8(ascii: "-"))
        stamp.appendDecimal(info.st_ino)
        return .file(path: real, stamp: stamp.text())
    }

    /// Whether `name` is empty, `.` or `..` (compared as bytes: a `Substring` compared with each
    /// `String` cost 220 instructions a file).
    private static func isDots(_ name: Substring) -> Bool {
        name.utf8.count <= 2 && name.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
    }

    /// `body` with `name` as a C string, copied onto the stack: `Substring.withCString` made a
    /// `String` of it first, for every file of every page.
    private static func withCString<Result>(_ name: Substring, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        name.utf8.withContiguousStorageIfAvailable { bytes in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
                for index in bytes.indices { text[index] = CChar(bitPattern: bytes[index]) }
                text[bytes.count] = 0
                return body(text.baseAddress!)
            }
        } ?? name.withCString(body)
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
            if base.descriptor >= 0, SourceReader.isPlain(key) {
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
    }

    /// Every component of a folder's key a plain name: none empty, `.` or `..`.
    static func isPlain(_ key: Substring) -> Bool {
        // An ASCII key over its bytes: the same components (no ASCII byte joins a `/` into a longer
        // character), where splitting its characters cost 13 000 instructions a folder (callgrind).
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else {
            return key.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0 != "." && $0 != ".."
            }
        }
        // The current component's length, and how many of its bytes are dots.
        var (length, dots) = (0, 0)
        for byte in key.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (length <= 2 && dots == length) { return false }
                (length, dots) = (0, 0)
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(length == 0 || (length <= 2 && dots == length))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
