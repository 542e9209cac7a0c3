import CoverageModel
import Foundation
import SiteRenderer

/// Reads the source of a report's files for the file pages, only from inside the source root.
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
            // realpath and stat per file, on all cores: a 20 000-file report took 0.2 s on one.
            let files = report.files
            let slots = UnsafeMutableBufferPointer<SourceText>.allocate(capacity: files.count)
            defer { slots.deallocate() }
            let base = UncheckedSlots(pointer: slots.baseAddress)
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                (base.pointer! + index).initialize(to: text(of: files[index], root: root))
            }
            var texts: [String: SourceText] = [:]
            texts.reserveCapacity(files.count)
            for (index, file) in files.enumerated() { texts[file.displayPath] = (slots.baseAddress! + index).move() }
            result[component.name] = texts
        }
        return result
    }

    private func text(of file: SourceFile, root: String?) -> SourceText {
        guard let root else { return .unavailable(reason: "The source root does not exist, so no source is shown.") }
        guard let key = file.key else {
            return .unavailable(reason: "This file did not resolve under the source root, so its source is not read.")
        }
        let candidate = root == "/" ? "/" + key : root + "/" + key
        guard let real = realPath(candidate) else {
            return .unavailable(reason: "The source file is not in the source root (it may have moved or been deleted).")
        }
        guard real.hasPrefix(root == "/" ? "/" : root + "/") else {
            return .unavailable(reason: "The file's real path leads outside the source root (a symbolic link?), so it is not read.")
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .unavailable(reason: "The source path is not a regular file.")
        }
        // Read later, only if the page has to be rendered; the stamp stands in for the content.
        return .file(path: real, stamp: "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)")
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Slots each written by exactly one concurrent iteration.
private struct UncheckedSlots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<SourceText>?
}
