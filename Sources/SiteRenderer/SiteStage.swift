import Foundation

/// A site being written beside its destination: pages are put into a staging folder as they are
/// rendered (from any thread), then the folder is swapped in whole, or removed on failure. Writing
/// while rendering overlaps the disk with the other core, and no page's bytes wait in memory.
public final class SiteStage: @unchecked Sendable {
    private let target: URL
    private let staging: URL
    private let retired: URL
    private let stagingPath: String
    private let targetPath: String
    private let lock = NSLock()
    private var folders = Set<String>()
    /// Whether a site is published at the destination: without one, no page can be linked from it,
    /// so a first render does not look for thousands of files that cannot be there.
    private let hasPublished: Bool

    /// Creates the staging folder beside `directory` (beside the folder it points to, when it is a
    /// symbolic link), with the site marker in it, and removes what killed renders left there.
    /// - Throws: `RendererError.cannotWrite` when it cannot be created; `.foreignOutput` when
    ///   `directory` holds something Tidemark did not write.
    public init(directory: String) throws(RendererError) {
        if case .foreign(let reason) = SiteFolder.verdict(for: directory) {
            throw .foreignOutput(path: directory, reason: reason)
        }
        target = URL(fileURLWithPath: SiteFolder.target(of: directory), isDirectory: true)
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        staging = parent.appendingPathComponent(".\(name).tidemark-new-\(pid)")
        retired = parent.appendingPathComponent(".\(name).tidemark-old-\(pid)")
        // Plain string paths: one URL per page would dominate an incremental render (docs/performance.md).
        stagingPath = staging.path
        targetPath = target.path
        hasPublished = FileManager.default.fileExists(atPath: targetPath)
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            SiteFolder.removeLeftovers(beside: target, keeping: pid)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try SiteWriter.write(Array(SiteFolder.markerText.utf8), to: stagingPath + "/" + SiteFolder.markerName)
        } catch {
            throw .cannotWrite(path: directory, reason: error.localizedDescription)
        }
    }

    /// A view of this stage that puts pages into `folder` (a project's site inside a site of many),
    /// linking unchanged ones from the same folder of the published site. Only the stage it came
    /// from commits or abandons.
    public func scoped(to folder: String) throws(RendererError) -> SiteStage {
        let scoped = SiteStage(scoping: self, to: folder)
        do {
            try makeFolder(scoped.stagingPath)
        } catch {
            throw .cannotWrite(path: targetPath, reason: "\(folder): \(error.localizedDescription)")
        }
        return scoped
    }

    private init(scoping parent: SiteStage, to folder: String) {
        target = parent.target.appendingPathComponent(folder, isDirectory: true)
        staging = parent.staging.appendingPathComponent(folder, isDirectory: true)
        retired = parent.retired
        stagingPath = parent.stagingPath + "/" + folder
        targetPath = parent.targetPath + "/" + folder
        hasPublished = FileManager.default.fileExists(atPath: targetPath)
    }

    /// Where the published site holds `path` (which a render may read, such as its history file).
    public func publishedPath(of path: String) -> String { targetPath + "/" + path }

    /// Writes one page into the staging folder: a reused page is linked from the published site, a
    /// page identical to the published file is linked too, anything else is written.
    public func put(_ page: SitePage) throws(RendererError) {
        let path = stagingPath + "/" + page.path
        let published = targetPath + "/" + page.path
        do {
            if let slash = page.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                try makeFolder(stagingPath + "/" + page.path[..<slash])
            }
            if !hasPublished {
                try SiteWriter.write(page.bytes, to: path)
            } else if page.isReused {
                // Unchanged since the last render: link the published file instead of writing it.
                if link(published, path) != 0 { try FileManager.default.copyItem(atPath: published, toPath: path) }
            } else if SiteWriter.hasSameBytes(page.bytes, published) {
                // Rendered again but identical (style.css, an unchanged alerts page): keep the published file.
                if link(published, path) != 0 { try SiteWriter.write(page.bytes, to: path) }
            } else {
                try SiteWriter.write(page.bytes, to: path)
            }
        } catch {
            throw .cannotWrite(path: targetPath, reason: "\(page.path): \(error.localizedDescription)")
        }
    }

    /// Writes the manifest of `pages` (their keys) and swaps the staging folder in.
    /// - Throws: `RendererError.cannotWrite`; the staging folder is removed and the old site stays.
    public func commit(_ pages: [SitePage]) throws(RendererError) {
        // Checked again right before the swap: the folder may have changed since the render began.
        if case .foreign(let reason) = SiteFolder.verdict(for: targetPath) {
            abandon()
            throw .foreignOutput(path: targetPath, reason: reason)
        }
        let manifest = pages.compactMap { page in page.key.map { "\($0)\t\(page.path)\n" } }.sorted().joined()
        do {
            try SiteWriter.write(Array(manifest.utf8), to: stagingPath + "/" + SiteWriter.manifestName)
        } catch {
            abandon()
            throw .cannotWrite(path: targetPath, reason: error.localizedDescription)
        }
        try SiteWriter.swap(staging, into: target, retiring: retired)
    }

    /// Removes the staging folder; the published site is untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    private func makeFolder(_ folder: String) throws {
        lock.lock()
        defer { lock.unlock() }
        if folders.insert(folder).inserted {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }
}
