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

        let second = try SiteStage(directory: site)
        let new = [SitePage(path: "a.html", bytes: [], isReused: true), SitePage(path: "b.html", contents: "b")]
        for page in new { try second.put(page) }
        try second.commit(new)
        #expect(Self.read(site + "/a.html") == "a1", "a reused page keeps the published bytes")
        let after = try FileManager.default.attributesOfItem(atPath: site + "/a.html")[.systemFileNumber] as? Int
        #expect(before == after, "a reused page is a hard link to the published file, not a copy")
        #expect(Self.read(site + "/b.html") == "b")
        #expect(!FileManager.default.fileExists(atPath: site + "/gone.html"))
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
