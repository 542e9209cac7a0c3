import CShims
import Foundation

/// Writes a site beside its destination, then swaps it in whole, so a reader (or a failed run)
/// never leaves a half-written folder: on any error the previous site is intact.
public struct SiteWriter: Sendable {
    /// Page keys of the published site, for the next render: `KEY<TAB>PATH` per line.
    static let manifestName = ".tidemark-manifest"

    public init() {}

    /// The published site's page keys, for pages whose file is still there; empty when unknown.
    /// The folder is listed once rather than each file looked up: 23 600 `access` calls were 5 % of a
    /// cron tick.
    public func published(at directory: String) -> [String: String] {
        SiteUpdate.keys(at: directory, listed: SiteUpdate.list(directory))
    }

    /// Writes `pages` to `directory`, replacing what was there.
    /// - Throws: `RendererError.cannotWrite` naming the path that failed; the old site stays.
    public func write(_ pages: [SitePage], to directory: String) throws(RendererError) {
        let stage = try SiteStage(directory: directory)
        do {
            for page in pages { try stage.put(page) }
        } catch {
            stage.abandon()
            throw error
        }
        try stage.commit(pages)
    }

    /// Writes `contents` to `path`, creating the file.
    /// Plain open/write/close: Foundation's `Data.write(to:)` fsyncs every file on Linux, which made
    /// writing a 2 000-page site wait ~10 s on the disk. The site is swapped in whole afterwards, and a
    /// site lost to a power cut is rendered again from the history.
    /// Writes `contents` to `path`; with `startingWriteback`, the disk write is started at once
    /// rather than when the kernel gets to it (see `SiteStage.put`).
    static func write(_ contents: [UInt8], to path: String, startingWriteback: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        let ok = contents.withUnsafeBufferPointer { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, base + offset, bytes.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        if !ok { throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path]) }
        if startingWriteback { _ = tidemark_start_writeback(fd) }
    }

    /// How a file that may exist stands against bytes about to be written at its path.
    enum Existing { case same, different, absent }

    /// Whether the file at `path` holds exactly `contents` (cheap: the size is compared first).
    static func compare(_ contents: [UInt8], with path: String) -> Existing {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent }
        guard Int(info.st_size) == contents.count, let data = FileManager.default.contents(atPath: path) else {
            return .different
        }
        return data.elementsEqual(contents) ? .same : .different
    }

    static func swap(_ staging: URL, into target: URL, retiring retired: URL) throws(RendererError) {
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: retired)
        let hadOld = fileManager.fileExists(atPath: target.path)
        // Exchange in one step where the kernel can (Linux renameat2): a web server serving the folder
        // sees the old site or the new one, never a missing folder.
        if hadOld, tidemark_rename_exchange(staging.path, target.path) == 0 {
            try? fileManager.removeItem(at: staging)
            return
        }
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
