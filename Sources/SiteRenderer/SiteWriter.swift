import Foundation

/// Writes a site beside its destination, then swaps it in whole, so a reader (or a failed run)
/// never leaves a half-written folder: on any error the previous site is intact.
public struct SiteWriter: Sendable {
    public init() {}

    /// Writes `pages` to `directory`, replacing what was there.
    /// - Throws: `RendererError.cannotWrite` naming the path that failed; the old site stays.
    public func write(_ pages: [SitePage], to directory: String) throws(RendererError) {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).tidemark-new-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).tidemark-old-\(pid)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            for page in pages.sorted(by: { $0.path < $1.path }) {
                let url = staging.appendingPathComponent(page.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(page.contents.utf8).write(to: url)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw .cannotWrite(path: directory, reason: error.localizedDescription)
        }
        try swap(staging, into: target, retiring: retired)
    }

    private func swap(_ staging: URL, into target: URL, retiring retired: URL) throws(RendererError) {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: retired)
        let hadOld = fileManager.fileExists(atPath: target.path)
        if hadOld, rename(target.path, retired.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(at: staging)
            throw .cannotWrite(path: target.path, reason: reason)
        }
        if rename(staging.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            if hadOld { _ = rename(retired.path, target.path) }
            try? fileManager.removeItem(at: staging)
            throw .cannotWrite(path: target.path, reason: reason)
        }
        if hadOld { try? fileManager.removeItem(at: retired) }
    }
}
