import Foundation
import TestSupport
import Testing

@testable import SiteRenderer

/// The staging folder a site is written into before it replaces the published one.
struct SiteStageTests {
    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    static func leftovers(beside site: String) throws -> [String] {
        let parent = (site as NSString).deletingLastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(".tidemark-") }
    }

    @Test("commit swaps the whole site in: new pages, the marker, a sorted manifest; nothing staged is left")
    func commitPublishes() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        let stage = try SiteStage(directory: site)
        let pages = [
            SitePage(path: "index.html", contents: "<p>one</p>", key: "k2"),
            SitePage(path: "c/python/index.html", contents: "<p>python</p>", key: "k1"),
            SitePage(path: "style.css", contents: "body{}"),
        ]
        for page in pages { try stage.put(page) }
        try stage.commit(pages)
        #expect(Self.read(site + "/index.html") == "<p>one</p>")
        #expect(Self.read(site + "/c/python/index.html") == "<p>python</p>")
        #expect(FileManager.default.fileExists(atPath: site + "/" + SiteFolder.markerName))
        #expect(Self.read(site + "/.tidemark-manifest") == "k1\tc/python/index.html\nk2\tindex.html\n")
        #expect(try Self.leftovers(beside: site).isEmpty)
    }

    @Test("A second render replaces pages, drops the ones it no longer writes and links reused ones")
    func secondRender() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        let first = try SiteStage(directory: site)
        let old = [SitePage(path: "a.html", contents: "a1"), SitePage(path: "gone.html", contents: "g")]
        for page in old { try first.put(page) }
        try first.commit(old)
        let before = try FileManager.default.attributesOfItem(atPath: site + "/a.html")[.systemFileNumber] as? Int
        let rootBefore = try Self.inode(site)

        let second = try SiteStage(directory: site)
        let new = [SitePage(path: "a.html", bytes: [], isReused: true), SitePage(path: "b.html", contents: "b")]
        for page in new { try second.put(page) }
        try second.commit(new)
        #expect(Self.read(site + "/a.html") == "a1", "a reused page keeps the published bytes")
        let after = try FileManager.default.attributesOfItem(atPath: site + "/a.html")[.systemFileNumber] as? Int
        #expect(before == after, "a reused page is a hard link to the published file, not a copy")
        #expect(Self.read(site + "/b.html") == "b")
        #expect(!FileManager.default.fileExists(atPath: site + "/gone.html"))
        #expect(try Self.inode(site) != rootBefore, "half of the pages changed: the site is swapped in whole")
    }

    static func inode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    }

    /// Every file under `site` with its text, the marker and manifest included.
    static func files(_ site: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: site)
        while let relative = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: site + "/" + relative, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                files[relative] = read(site + "/" + relative)
            }
        }
        return files
    }

    static func folders(_ site: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: site)
        var folders: [String] = []
        while let relative = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: site + "/" + relative, isDirectory: &isFolder), isFolder.boolValue
            {
                folders.append(relative)
            }
        }
        return folders.sorted()
    }

    static func publish(_ pages: [SitePage], to site: String) throws {
        let stage = try SiteStage(directory: site)
        for page in pages { try stage.put(page) }
        try stage.commit(pages)
    }

    static let twelve = [
        "index.html", "style.css", "a/index.html", "a/1.html", "a/2.html", "a/3.html", "a/4.html", "a/5.html",
        "b/x/1.html", "b/x/2.html", "b/index.html", "c/only.html",
    ]

    /// A site of the twelve pages ("old PATH", keys "k-PATH") in a new temporary folder.
    static func publishedTwelve() throws -> (folder: TemporaryFolder, site: String) {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        try publish(twelve.map { SitePage(path: $0, contents: "old " + $0, key: "k-" + $0) }, to: site)
        return (folder, site)
    }

    @Test("A render that changes a few pages renames them into the published folder and removes what it dropped")
    func inPlaceUpdate() throws {
        let (folder, site) = try Self.publishedTwelve()
        let rootBefore = try Self.inode(site)
        let keptBefore = try Self.inode(site + "/a/1.html")

        // a/3.html changes, c/only.html (and so the folder c) goes, d/e/new.html comes; the rest is reused
        // or rendered again with the same bytes.
        let second =
            Self.twelve.filter { $0 != "c/only.html" }.map { path in
                switch path {
                case "a/3.html": SitePage(path: path, contents: "new " + path, key: "k2-" + path)
                case "style.css": SitePage(path: path, contents: "old " + path)
                default: SitePage(path: path, bytes: [], key: "k-" + path, isReused: true)
                }
            } + [SitePage(path: "d/e/new.html", contents: "new page", key: "k-new")]
        try Self.publish(second, to: site)

        #expect(try Self.inode(site) == rootBefore, "a few changed pages: the published folder is updated in place")
        #expect(try Self.inode(site + "/a/1.html") == keptBefore, "an unchanged page is not touched")
        let fresh = folder.path + "/fresh"
        try Self.publish(
            second.map { page in
                SitePage(path: page.path, contents: page.isReused ? "old " + page.path : page.contents, key: page.key)
            }, to: fresh)
        #expect(try Self.files(site) == Self.files(fresh), "the same files and bytes as a render into a new folder")
        #expect(Self.folders(site) == Self.folders(fresh), "the emptied folder c is gone, d/e is new")
        #expect(Self.read(site + "/a/3.html") == "new a/3.html")
        #expect(try Self.leftovers(beside: site).isEmpty)

        // A page put twice in one render is published once, with its last bytes.
        let third = try SiteStage(directory: site)
        let unchanged = second.filter { $0.path != "a/4.html" }.map {
            SitePage(path: $0.path, bytes: [], key: $0.key, isReused: true)
        }
        for page in unchanged { try third.put(page) }
        try third.put(SitePage(path: "a/4.html", contents: "first", key: "k3"))
        try third.put(SitePage(path: "a/4.html", contents: "second", key: "k3"))
        try third.commit(unchanged + [SitePage(path: "a/4.html", bytes: [], key: "k3")])
        #expect(Self.read(site + "/a/4.html") == "second")
        #expect(try Self.inode(site) == rootBefore)
    }

    @Test("A page that takes the place of a published folder (or a folder of a page) swaps the site in whole")
    func inPlaceRefusesTypeChange() throws {
        let published = try Self.publishedTwelve()  // holds the temporary folder until the end
        let site = published.site
        let rootBefore = try Self.inode(site)
        // The folder c (holding only.html) becomes a page named c.
        let second =
            Self.twelve.filter { $0 != "c/only.html" }.map {
                SitePage(path: $0, bytes: [], key: "k-" + $0, isReused: true)
            }
            + [SitePage(path: "c", contents: "c is a page now", key: "k-c")]
        try Self.publish(second, to: site)
        #expect(try Self.inode(site) != rootBefore)
        #expect(Self.read(site + "/c") == "c is a page now")
        #expect(Self.read(site + "/a/4.html") == "old a/4.html")
        #expect(try Self.files(site).count == 11 + 1 + 2, "eleven kept pages, the new one, the marker and the manifest")
        #expect(try Self.leftovers(beside: site).isEmpty)
    }

    @Test("A site whose manifest is gone (an update cut short) is healed by the next render: every page compared")
    func cutShortUpdateHeals() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        let pages = Self.twelve.map { SitePage(path: $0, contents: "v2 " + $0, key: "k-" + $0) }
        try Self.publish(pages, to: site)
        // What a kill half-way through an update leaves: no manifest, one page still old, one dropped page.
        try FileManager.default.removeItem(atPath: site + "/" + SiteWriter.manifestName)
        try Data("v1 a/2.html".utf8).write(to: URL(fileURLWithPath: site + "/a/2.html"))
        try Data("v1".utf8).write(to: URL(fileURLWithPath: site + "/a/dropped.html"))
        #expect(SiteWriter().published(at: site).isEmpty, "nothing is reused from a site without a manifest")
        try Self.publish(pages, to: site)
        let fresh = folder.path + "/fresh"
        try Self.publish(pages, to: fresh)
        #expect(try Self.files(site) == Self.files(fresh))
    }

    @Test("abandon removes the staging folder and leaves the published site as it was")
    func abandonKeepsSite() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        let first = try SiteStage(directory: site)
        try first.put(SitePage(path: "index.html", contents: "kept"))
        try first.commit([])
        let second = try SiteStage(directory: site)
        try second.put(SitePage(path: "index.html", contents: "never published"))
        second.abandon()
        #expect(Self.read(site + "/index.html") == "kept")
        #expect(try Self.leftovers(beside: site).isEmpty)
    }

    @Test("A folder Tidemark did not write is refused before anything is staged")
    func foreignFolder() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/project"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: site + "/notes.txt"))
        #expect(throws: RendererError.self) { try SiteStage(directory: site) }
        #expect(Self.read(site + "/notes.txt") == "keep me")
        #expect(try Self.leftovers(beside: site).isEmpty)
    }

    @Test("A staging folder left by a killed render (a pid that no longer runs) is removed by the next one")
    func staleStagingRemoved() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/site"
        // Pid 2^22 + 1 is above Linux's pid_max default limit, so no process has it.
        let stale = folder.path + "/.site.tidemark-new-4194305"
        try FileManager.default.createDirectory(atPath: stale + "/c", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: stale + "/" + SiteFolder.markerName))
        let stage = try SiteStage(directory: site)
        #expect(!FileManager.default.fileExists(atPath: stale))
        stage.abandon()
    }
}
