import Concurrency
import Formatting
import Foundation

/// A site being written beside its destination: pages are put into a staging folder as they are
/// rendered (from any thread), then the folder is swapped in whole, or removed on failure. Writing
/// while rendering overlaps the disk with the other core, and no page's bytes wait in memory.
/// When only a few pages of a published site changed, they are renamed into it instead
/// (`SiteUpdate`).
public final class SiteStage: @unchecked Sendable {
    private let target: URL
    private let staging: URL
    private let retired: URL
    private let stagingPath: String
    private let targetPath: String
    private let lock = NSLock()
    private var folders = Set<String>()
    /// Whether a site is published at the destination: without one, no page can be kept from it,
    /// so a first render does not look for thousands of files that cannot be there.
    private let hasPublished: Bool
    /// The published site's files and folders and its manifest, read on another thread from when the
    /// stage is made (the site's lock keeps other renders out until it is committed), while the
    /// render reads the history; nil without a published site.
    private let reading: Background<(listing: SiteUpdate.Published, keys: [String: String])>?
    private var listing: SiteUpdate.Published? { reading?.value.listing }
    /// The published site's manifest (page path → key) for pages whose file is there: what a render
    /// may reuse. A scoped view has its whole site's.
    public var published: [String: String] { reading?.value.keys ?? [:] }
    /// What was written and what kept, shared with the scoped views of this stage.
    private let update: SiteUpdate
    /// This view's folder inside the site ("" or "p/NAME/").
    private let prefix: String

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
        update = SiteUpdate()
        prefix = ""
        reading =
            hasPublished
            ? Background { [targetPath] in
                let listing = SiteUpdate.list(targetPath)
                return (listing, SiteUpdate.keys(at: targetPath, listed: listing))
            } : nil
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
        update = parent.update
        prefix = parent.prefix + folder + "/"
        reading = parent.reading
    }

    /// Where the published site holds `path` (which a render may read, such as its history file).
    public func publishedPath(of path: String) -> String { targetPath + "/" + path }

    /// Writes one page into the staging folder, unless the published site has it already: a
    /// reused page, or one rendered again with the published file's bytes (style.css, an unchanged
    /// alerts page), is kept.
    public func put(_ page: SitePage) throws(RendererError) {
        do {
            let existing: SiteWriter.Existing =
                !hasPublished
                ? .absent
                : page.isReused ? .same : SiteWriter.compare(page.bytes, with: targetPath + "/" + page.path)
            if existing == .same {
                update.keep(prefix + page.path)
                return
            }
            if let slash = page.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                try makeFolder(stagingPath + "/" + page.path[..<slash])
            }
            // A page that replaces a published one is swapped in (or renamed over it) when few pages
            // changed: its write to disk is started now, so that it overlaps the render and the new
            // page is on disk soon after it is published. (On ext4, `auto_da_alloc` made a rename over
            // the old page write the new one out first, on the one thread that renames at the end:
            // 39 pages of a 20 000-file tick took 14 ms instead of 17-28 ms under strace.)
            let replacing =
                existing == .different && update.mayRenameInPlace(amongPublished: listing?.fileCount ?? 0)
            try SiteWriter.write(page.bytes, to: stagingPath + "/" + page.path, startingWriteback: replacing)
            update.wrote(prefix + page.path)
        } catch {
            throw .cannotWrite(path: targetPath, reason: "\(page.path): \(error.localizedDescription)")
        }
    }

    /// Writes the manifest of `pages` (their keys) and publishes the stage: the few changed pages
    /// renamed into the published site, or the whole staging folder swapped in.
    /// - Throws: `RendererError.cannotWrite`; the staging folder is removed. Before anything is
    ///   renamed or swapped, the old site stays as it was.
    public func commit(_ pages: [SitePage]) throws(RendererError) {
        // Checked again right before the swap: the folder may have changed since the render began.
        if case .foreign(let reason) = SiteFolder.verdict(for: targetPath) {
            abandon()
            throw .foreignOutput(path: targetPath, reason: reason)
        }
        let current = listing.flatMap { FileManager.default.fileExists(atPath: targetPath) ? $0 : nil }
        // The manifest and the plan on two cores: each walks every page, and nothing else runs now
        // (about 8 ms of a 20 000-file tick).
        let manifest = Slots<[UInt8]>(count: 1)
        let planned = Slots<SiteUpdate.InPlace?>(count: 1)
        DispatchQueue.concurrentPerform(iterations: current == nil ? 1 : 2) { task in
            if task == 0 {
                manifest.set(0, Self.manifest(of: pages))
            } else if let current {
                planned.set(0, update.inPlace(over: current))
            }
        }
        do {
            try SiteWriter.write(manifest.get(0) ?? [], to: stagingPath + "/" + SiteWriter.manifestName)
            if current != nil {
                if let plan = planned.get(0) ?? nil {
                    defer { abandon() }
                    try SiteUpdate.apply(plan, from: stagingPath, to: targetPath)
                    SiteUpdate.removeSwappedOut(plan, from: stagingPath)
                    return
                }
                try linkKept()
            }
        } catch let error as RendererError {
            abandon()
            throw error
        } catch {
            abandon()
            throw .cannotWrite(path: targetPath, reason: error.localizedDescription)
        }
        try SiteWriter.swap(staging, into: target, retiring: retired)
    }

    /// `KEY<TAB>PATH` for each page with a key, by path: made as bytes, where lines of text sorted
    /// again took 24 ms of a cron tick. A render's pages come sorted, so their order is only checked.
    static func manifest(of pages: [SitePage]) -> [UInt8] {
        // The pages read in place, by index: a list of (path, key) pairs retained every string twice
        // more (a cron tick's 23 600 pages).
        let keyed = pages.indices.filter { pages[$0].key != nil }
        let order = NameOrder.sortedIndices(keyed.map { pages[$0].path })
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keyed.reduce(0) { $0 + pages[$1].path.utf8.count + (pages[$1].key?.utf8.count ?? 0) + 2 })
        for position in order {
            let page = keyed[position]
            bytes += pages[page].key?.utf8 ?? "".utf8
            bytes.append(UInt8(ascii: "\t"))
            bytes += pages[page].path.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Links the pages kept as published into the staging folder (copies them where a link cannot
    /// be made), on every core.
    private func linkKept() throws(RendererError) {
        let kept = update.keptPages
        let chunk = 512
        let parts = (kept.count + chunk - 1) / chunk
        let failures = Slots<RendererError>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for page in kept[(part * chunk)..<min(kept.count, (part + 1) * chunk)] {
                let path = stagingPath + "/" + page
                let published = targetPath + "/" + page
                do {
                    if let slash = page.utf8.lastIndex(of: UInt8(ascii: "/")) {
                        try makeFolder(stagingPath + "/" + page[..<slash])
                    }
                    if link(published, path) != 0 { try FileManager.default.copyItem(atPath: published, toPath: path) }
                } catch {
                    failures.set(part, .cannotWrite(path: targetPath, reason: "\(page): \(error.localizedDescription)"))
                    return
                }
            }
        }
        if let failure = failures.all.compactMap({ $0 }).first { throw failure }
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
