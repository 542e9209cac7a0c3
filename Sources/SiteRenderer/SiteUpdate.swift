import CShims
import Concurrency
import Foundation

/// What a render put into its stage, and how the published site is brought up to date with it.
///
/// A render that changes only a few pages of a published site (a cron tick where one file changed)
/// renames those pages into the published folder, one by one, and removes the pages it no longer
/// writes. Any other render links the unchanged pages into the staging folder and swaps it in
/// whole. Linking 23 600 unchanged pages and then removing the folder they replaced was a third of
/// such a tick (docs/performance.md).
final class SiteUpdate: @unchecked Sendable {
    /// In place only when the pages written and removed are at most this share of the site: a
    /// reader sees each page whole, and the few milliseconds in which some pages are new and
    /// others old stay short. Larger changes are swapped in whole.
    static let inPlaceShare = 4

    // An NSLock, not the standard library's Mutex: pages are put from every core at once, and
    // ThreadSanitizer does not see the Mutex's futex, so it reported each append as a race.
    private let lock = NSLock()
    /// Pages written into the staging folder (paths relative to the site's root).
    private var writtenPaths: [String] = []
    /// Pages kept as the published site has them.
    private var keptPaths: [String] = []

    func wrote(_ path: String) { lock.withLock { writtenPaths.append(path) } }

    /// Whether the pages written so far are few enough for `inPlace` among `count` published pages.
    func mayRenameInPlace(amongPublished count: Int) -> Bool {
        lock.withLock { writtenPaths.count } * Self.inPlaceShare <= count
    }

    func keep(_ path: String) { lock.withLock { keptPaths.append(path) } }

    /// The published files under `target` (regular files and links, relative paths) and its
    /// folders, without the site's marker and manifest, which every site has.
    struct Published {
        /// Each file with its slot in a bitmap of `slots` (`inPlace` marks the ones kept or
        /// written: a copy of a set with every kept page removed rehashed entries on each removal).
        private(set) var files: [String: Int] = [:]
        private(set) var slots = 0
        var folders = Set<String>()

        /// `paths` and `folders` as listed: the table of files is made at its full size at once (grown
        /// one insert at a time, it rehashed every path about once more on the way to 23 600).
        init(paths: [String], folders: Set<String>) {
            files.reserveCapacity(paths.count)
            for path in paths { insertFile(path) }
            self.folders = folders
        }

        mutating func insertFile(_ path: String) {
            files[path] = slots
            slots += 1
        }

        mutating func removeFile(_ path: String) { files[path] = nil }

        func hasFile(_ path: String) -> Bool { files[path] != nil }

        var fileCount: Int { files.count }
    }

    /// The page keys of the manifest at `target` whose pages `listed` holds (a folder's entry,
    /// "p/NAME/", stands for the folder); empty without a manifest.
    static func keys(at target: String, listed: Published) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: target + "/" + SiteWriter.manifestName) else {
            return [:]
        }
        var keys: [String: String] = [:]
        keys.reserveCapacity(listed.fileCount + listed.folders.count)
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                // memchr: the slices' `firstIndex` cost 700 instructions a line of 23 600 (callgrind).
                let end = Self.find(UInt8(ascii: "\n"), in: bytes, from: start, to: bytes.count) ?? bytes.count
                defer { start = end + 1 }
                guard let tab = Self.find(UInt8(ascii: "\t"), in: bytes, from: start, to: end), tab + 1 < end else {
                    continue
                }
                let path = String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<end]), as: UTF8.self)
                let isListed =
                    path.hasSuffix("/") ? listed.folders.contains(String(path.dropLast())) : listed.hasFile(path)
                if isListed {
                    keys[path] = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tab]), as: UTF8.self)
                }
            }
        }
        return keys
    }

    /// The first place of `byte` in `bytes[start..<end]`.
    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int?
    {
        guard start < end, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), end - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Lists `target` without following links.
    static func list(_ target: String) -> Published {
        var (paths, folders) = ([String](), Set<String>())
        list(target, relative: "", paths: &paths, folders: &folders)
        var published = Published(paths: paths, folders: folders)
        published.removeFile(SiteFolder.markerName)
        published.removeFile(SiteWriter.manifestName)
        return published
    }

    private static func list(_ folder: String, relative: String, paths: inout [String], folders: inout Set<String>) {
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        var relative = relative
        relative.makeContiguousUTF8()
        while let entry = readdir(stream) {
            // Each path made in one go from the entry's bytes: a string of the name, compared with
            // "." and "..", then joined to the folder's, cost a tick 1 500 instructions for each of
            // its 23 600 pages (callgrind).
            let path: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let name = UnsafeRawBufferPointer(
                    rebasing: raw[..<strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)])
                if name.count <= 2, name.allSatisfy({ $0 == UInt8(ascii: ".") }) { return nil }
                return relative.utf8.withContiguousStorageIfAvailable { start in
                    String(unsafeUninitializedCapacity: start.count + name.count) { buffer in
                        let bytes = UnsafeMutableRawBufferPointer(buffer)
                        bytes.copyMemory(from: UnsafeRawBufferPointer(start))
                        UnsafeMutableRawBufferPointer(rebasing: bytes[start.count...]).copyMemory(from: name)
                        return start.count + name.count
                    }
                } ?? relative + String(decoding: name, as: UTF8.self)
            }
            guard let path else { continue }
            let type = Int32(entry.pointee.d_type)
            guard type == DT_DIR || type == DT_UNKNOWN else {
                paths.append(path)
                continue
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            var info = stat()
            if type == DT_DIR || (lstat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR) {
                folders.insert(path)
                list(folder + "/" + name, relative: path + "/", paths: &paths, folders: &folders)
            } else {
                paths.append(path)
            }
        }
    }

    /// The plan for bringing `target` up to date, or nil when the stage must be swapped in whole:
    /// too many pages changed, or a page takes the place of a folder (or a folder of a page).
    struct InPlace {
        /// Pages to rename in, the deepest first and each folder's `index.html` last, so that a
        /// new page links to pages that are already new.
        let renames: [String]
        /// Published files the new site does not have.
        let removals: [String]
        /// Published folders the new site does not have, the deepest first.
        let emptied: [String]
    }

    func inPlace(over published: Published) -> InPlace? {
        let (all, kept) = lock.withLock { (writtenPaths, keptPaths) }
        // A page put twice is renamed once (its last bytes are the staged file).
        let written = Array(Set(all))
        var present = [Bool](repeating: false, count: published.slots)
        for page in written { if let slot = published.files[page] { present[slot] = true } }
        for page in kept { if let slot = published.files[page] { present[slot] = true } }
        let removals = published.files.compactMap { present[$0.value] ? nil : $0.key }.sorted()
        guard (written.count + removals.count) * Self.inPlaceShare <= written.count + kept.count else { return nil }
        for page in written {
            if published.folders.contains(page) { return nil }
            var path = Substring(page)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                if published.hasFile(String(path)) { return nil }
            }
        }
        let renames = written.sorted { left, right in
            let depths = (Self.depth(left), Self.depth(right))
            if depths.0 != depths.1 { return depths.0 > depths.1 }
            let indexes = (left.hasSuffix("index.html"), right.hasSuffix("index.html"))
            if indexes.0 != indexes.1 { return indexes.1 }
            return left < right
        }
        return InPlace(renames: renames, removals: removals, emptied: emptied(by: removals, keeping: written + kept))
    }

    /// The folders that `removals` leave without a page, the deepest first: only a folder that held
    /// a removed page can become empty (a render never leaves an empty folder).
    private func emptied(by removals: [String], keeping pages: [String]) -> [String] {
        guard !removals.isEmpty else { return [] }
        var candidates = Set<String>()
        for page in removals {
            var path = Substring(page)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                candidates.insert(String(path))
            }
        }
        for page in pages {
            var path = Substring(page)
            while let slash = path.lastIndex(of: "/"), !candidates.isEmpty {
                path = path[..<slash]
                candidates.remove(String(path))
            }
        }
        return candidates.sorted { left, right in
            let depths = (Self.depth(left), Self.depth(right))
            return depths.0 != depths.1 ? depths.0 > depths.1 : left < right
        }
    }

    /// The pages kept as published: linked into the staging folder when it is swapped in whole.
    var keptPages: [String] { lock.withLock { keptPaths } }

    private static func depth(_ path: String) -> Int { path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) } }

    /// Brings `target` up to `plan` from `staging`, which holds the written pages and the new
    /// manifest. The published manifest goes first: if this is cut short (a kill, a failed rename),
    /// the next render finds no manifest, reuses nothing and compares every page, so the site heals.
    /// - Throws: `RendererError.cannotWrite` naming the page that failed.
    static func apply(_ plan: InPlace, from staging: String, to target: String) throws(RendererError) {
        let manifest = target + "/" + SiteWriter.manifestName
        if unlink(manifest) != 0 && errno != ENOENT { throw failure(target, SiteWriter.manifestName) }
        var made = Set<String>()
        for page in plan.renames {
            if let slash = page.utf8.lastIndex(of: UInt8(ascii: "/")) {
                let folder = String(page[..<slash])
                if made.insert(folder).inserted {
                    do {
                        try FileManager.default.createDirectory(
                            atPath: target + "/" + folder, withIntermediateDirectories: true)
                    } catch {
                        throw .cannotWrite(path: target, reason: "\(folder): \(error.localizedDescription)")
                    }
                }
            }
            // Swapped with the published page where the kernel can (Linux renameat2): a rename over it
            // frees the old file's blocks here, one page after another, waiting for the disk (with
            // `discard`, about 0.1 ms a page here); swapped out, the old pages are removed together.
            let (from, to) = (staging + "/" + page, target + "/" + page)
            if tidemark_rename_exchange(from, to) != 0 && rename(from, to) != 0 { throw failure(target, page) }
        }
        for page in plan.removals where unlink(target + "/" + page) != 0 && errno != ENOENT {
            throw failure(target, page)
        }
        // A folder that cannot be removed is left empty: that is no reason to fail the render.
        for folder in plan.emptied { _ = rmdir(target + "/" + folder) }
        if access(target + "/" + SiteFolder.markerName, F_OK) != 0,
            rename(staging + "/" + SiteFolder.markerName, target + "/" + SiteFolder.markerName) != 0
        {
            throw failure(target, SiteFolder.markerName)
        }
        if rename(staging + "/" + SiteWriter.manifestName, manifest) != 0 {
            throw failure(target, SiteWriter.manifestName)
        }
    }

    /// Removes the pages of `plan` from `staging` after `apply`: the published pages it swapped out
    /// (or nothing, where it renamed), on several threads, since each removal mostly waits for the
    /// disk (39 pages of a 20 000-file tick: 8 ms one after another).
    static func removeSwappedOut(_ plan: InPlace, from staging: String) {
        let pages = plan.renames
        let threads = min(8, (pages.count + 4) / 5)
        Threads.perform(threads) { thread in
            for index in stride(from: thread, to: pages.count, by: threads) { unlink(staging + "/" + pages[index]) }
        }
    }

    private static func failure(_ target: String, _ page: String) -> RendererError {
        .cannotWrite(path: target, reason: "\(page): \(String(cString: strerror(errno)))")
    }
}
