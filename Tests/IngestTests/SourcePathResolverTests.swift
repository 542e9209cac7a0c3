import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// File names resolve to repository-relative keys through the report's sources; nothing is
/// dropped and no two files share a key.
struct SourcePathResolverTests {
    private func report(_ names: [String], sources: [String]) -> CoverageReport {
        CoverageReport(
            producer: .other, timestamp: nil, sources: sources,
            files: names.map { SourceFile(name: $0, lines: [LineCoverage(number: 1, hits: 1)]) })
    }

    private func keys(_ report: CoverageReport) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: report.files.map { ($0.name, $0.key) })
    }

    @Test("A relative source joined to the root finds files that exist")
    func relativeSource() throws {
        let root = try TemporaryFolder()
        try root.write("pkg/mod.py", "x = 1\n")
        let resolved = SourcePathResolver(sourceRoot: root.path).resolve(report(["mod.py"], sources: ["pkg"]))
        #expect(keys(resolved)["mod.py"] == "pkg/mod.py")
        #expect(resolved.warnings.isEmpty)
    }

    @Test("With the source root and a folder inside it as sources, a file only in the folder is found there")
    func rootAndInnerSource() throws {
        let root = try TemporaryFolder()
        try root.write("pkg/mod.py", "x = 1\n")
        try root.write("top.py", "x = 1\n")
        let resolved = SourcePathResolver(sourceRoot: root.path)
            .resolve(report(["mod.py", "top.py", "gone.py"], sources: [root.path, "pkg"]))
        #expect(keys(resolved)["mod.py"] == "pkg/mod.py")
        #expect(keys(resolved)["top.py"] == "top.py")
        // Nowhere on disk: the first source's path, the root's.
        #expect(keys(resolved)["gone.py"] == "gone.py")
        // The source root alone (the shortcut: every plain name is its own key, found or not).
        let alone = SourcePathResolver(sourceRoot: root.path).resolve(
            report(["mod.py", "gone.py"], sources: [root.path]))
        #expect(keys(alone)["mod.py"] == "mod.py")
        #expect(keys(alone)["gone.py"] == "gone.py")
    }

    @Test("Keys made from paths alone, with no such file under the source root, come with a warning")
    func keysNotOnDisk() throws {
        let root = try TemporaryFolder()
        // coverage.py's relative_files: a relative source and plain names, recorded from the wrong folder.
        let relative = SourcePathResolver(sourceRoot: root.path).resolve(
            report(["a.py", "b.py", "c/d.py", "e.py"], sources: ["toolz"]))
        #expect(keys(relative)["c/d.py"] == "toolz/c/d.py")
        #expect(
            relative.warnings == [
                "4 of 4 file(s) resolved under the source root \(root.path) by their paths, but no such file is "
                    + "there (toolz/a.py, toolz/b.py, toolz/c/d.py, and 1 more), so their pages show no source; if the "
                    + "checkout is elsewhere, record with its folder as the source root (--source-root)"
            ])
        // The shortcut (the report's source is the source root): the same check.
        let same = SourcePathResolver(sourceRoot: root.path).resolve(report(["x.py"], sources: [root.path]))
        #expect(same.warnings.count == 1 && same.warnings[0].hasPrefix("1 of 1 file(s) resolved"))
        // Once the files are there, no warning; when the first is missing, every file is counted.
        for name in ["toolz/a.py", "toolz/b.py", "toolz/c/d.py", "toolz/e.py", "x.py"] { try root.write(name, "") }
        let found = SourcePathResolver(sourceRoot: root.path).resolve(
            report(["a.py", "b.py", "c/d.py", "e.py"], sources: ["toolz"]))
        #expect(found.warnings.isEmpty)
        try FileManager.default.removeItem(atPath: root.path + "/toolz/a.py")
        let one = SourcePathResolver(sourceRoot: root.path).resolve(
            report(["a.py", "b.py", "c/d.py", "e.py"], sources: ["toolz"]))
        #expect(one.warnings.count == 1 && one.warnings[0].hasPrefix("1 of 4 file(s) resolved"))
        #expect(one.warnings[0].contains("(toolz/a.py)"))
    }

    @Test("An absolute source under the root gives keys even before the files exist")
    func absoluteSourceUnderRoot() throws {
        let root = try TemporaryFolder()
        let resolved = SourcePathResolver(sourceRoot: root.path)
            .resolve(
                report(
                    ["src/lib.rs", "src\\main.rs".replacingOccurrences(of: "\\", with: "/")], sources: [root.path + "/"]
                ))
        #expect(keys(resolved)["src/lib.rs"] == "src/lib.rs")
        #expect(keys(resolved)["src/main.rs"] == "src/main.rs")
    }

    @Test("Files from another machine keep their names, and a warning says so")
    func foreignSource() throws {
        let root = try TemporaryFolder()
        let resolved = SourcePathResolver(sourceRoot: root.path)
            .resolve(report(["src/main.rs", "C:/Code/x/build.rs"], sources: ["C:/Code/x"]))
        #expect(keys(resolved)["src/main.rs"] == .some(nil))
        #expect(resolved.files.map(\.displayPath).sorted() == ["C:/Code/x/build.rs", "src/main.rs"])
        #expect(resolved.warnings.count == 1)
        #expect(resolved.warnings.first?.contains("2 of 2 file(s) did not resolve") == true)
    }

    @Test("A file that exists under the root is found even when the report's source is foreign")
    func existingFileUnderRoot() throws {
        let root = try TemporaryFolder()
        try root.write("src/lib.rs", "fn main() {}\n")
        let resolved = SourcePathResolver(sourceRoot: root.path)
            .resolve(report(["src/lib.rs"], sources: ["/home/runner/work/x/x"]))
        #expect(keys(resolved)["src/lib.rs"] == "src/lib.rs")
    }

    @Test(
        "Thousands of plain names are keyed in parts on every core; one name that is not plain sends all the long way")
    func plainNamesInParts() throws {
        let root = try TemporaryFolder()
        let names = (0..<6_000).map { String(format: "pkg/f%05d.py", $0) }
        #expect(names.count >= 2 * SourcePathResolver.partSize, "enough names for two parts")
        let plain = SourcePathResolver(sourceRoot: root.path).resolve(report(names, sources: [root.path]))
        #expect(plain.files.allSatisfy { $0.key == $0.name })
        // A trailing slash is not plain: found in the second part, after the first part has keyed its
        // names, every file is keyed again by the general rules, which normalize it.
        var mixed = names
        mixed[5_000] += "/"
        let resolved = SourcePathResolver(sourceRoot: root.path).resolve(report(mixed, sources: [root.path]))
        #expect(resolved.files.count == 6_000)
        #expect(keys(resolved)["pkg/f05000.py/"] == "pkg/f05000.py")
        #expect(resolved.files.filter { $0.name != "pkg/f05000.py/" }.allSatisfy { $0.key == $0.name })
    }

    @Test("../ segments are resolved, and a name climbing out of the root does not resolve")
    func dotDot() throws {
        let root = try TemporaryFolder()
        let resolved = SourcePathResolver(sourceRoot: root.path)
            .resolve(report(["a/../b.py", "../../../../etc/passwd"], sources: [root.path]))
        #expect(keys(resolved)["a/../b.py"] == "b.py")
        #expect(keys(resolved)["../../../../etc/passwd"] == .some(nil))
    }

    @Test("Two names landing on one key are kept apart under their names")
    func collisionsKeptApart() throws {
        let root = try TemporaryFolder()
        let resolved = SourcePathResolver(sourceRoot: root.path)
            .resolve(report(["b.py", "x/../b.py", root.path + "/b.py"], sources: [root.path]))
        let display = resolved.files.map(\.displayPath)
        #expect(Set(display).count == 3)
        #expect(resolved.warnings.contains { $0.contains("resolve to the same path b.py") })
    }

    @Test("A file that moved since the last report is found where it is now, by the same resolver")
    func movedFile() throws {
        let root = try TemporaryFolder()
        try root.write("old/mod.py", "x = 1\n")
        try FileManager.default.createDirectory(atPath: root.path + "/new", withIntermediateDirectories: true)
        let resolver = SourcePathResolver(sourceRoot: root.path)
        let names = report(["mod.py"], sources: ["new", "old"])
        #expect(keys(resolver.resolve(names))["mod.py"] == "old/mod.py")
        try FileManager.default.moveItem(atPath: root.path + "/old/mod.py", toPath: root.path + "/new/mod.py")
        #expect(keys(resolver.resolve(names))["mod.py"] == "new/mod.py")
        try FileManager.default.removeItem(atPath: root.path + "/new/mod.py")
        // Gone from both: the first source's path is trusted, as for a file not yet checked out.
        #expect(keys(resolver.resolve(names))["mod.py"] == "new/mod.py")
    }

    @Test("Only regular files count: a link to one does, a folder or a dangling link does not")
    func regularFilesOnly() throws {
        let root = try TemporaryFolder()
        let target = try root.write("real/lib.py", "x = 1\n")
        try FileManager.default.createDirectory(atPath: root.path + "/a/m.py", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root.path + "/b", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/b/m.py", withDestinationPath: root.path + "/gone.py")
        try FileManager.default.createDirectory(atPath: root.path + "/c", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/c/m.py", withDestinationPath: target)
        let resolved = SourcePathResolver(sourceRoot: root.path).resolve(report(["m.py"], sources: ["a", "b", "c"]))
        #expect(keys(resolved)["m.py"] == "c/m.py")
    }

    @Test("A source above the root keeps the names below the root, relative to it")
    func sourceAboveRoot() throws {
        let top = try TemporaryFolder()
        try top.write("repo/src/a.py", "x = 1\n")
        let resolved = SourcePathResolver(sourceRoot: top.path + "/repo")
            .resolve(report(["repo/src/a.py", "repo/src/new.py", "other/b.py", "repo"], sources: [top.path]))
        #expect(keys(resolved)["repo/src/a.py"] == "src/a.py")
        #expect(keys(resolved)["repo/src/new.py"] == "src/new.py")
        #expect(keys(resolved)["other/b.py"] == .some(nil))
        #expect(keys(resolved)["repo"] == .some(nil))
    }
}

/// Lexical normalisation of producers' names.
struct ReportPathNormalizationTests {
    @Test(
        "Names are normalized the same whether or not they need work",
        arguments: [
            ("src/a.py", "src/a.py"), ("/abs/src/a.py", "/abs/src/a.py"), ("./a.py", "a.py"), ("a/./b", "a/b"),
            ("a/../b", "b"), ("../b", "../b"), ("a//b", "a/b"), ("a/b/", "a/b"), ("/", "/"), (".", "."),
            ("C:/x/../y", "C:/y"), ("..", ".."), ("a/..", "."), (".hidden/x", ".hidden/x"), ("a/...", "a/..."),
            ("/a/b/../../..", "/"),
        ])
    func normalize(_ name: String, _ expected: String) {
        #expect(ReportPath.normalize(name) == expected)
    }

    @Test(
        "Absolute names: a leading slash, or a drive letter alone or before a slash",
        arguments: [
            ("/a.py", true), ("/", true), ("C:", true), ("c:/x", true), ("Z:/", true), ("C:x", false),
            ("1:/x", false), ("@:/x", false), ("a.py", false), ("", false), ("é:/x", false), ("./a", false),
        ])
    func absolute(_ name: String, _ expected: Bool) {
        #expect(ReportPath.isAbsolute(name) == expected)
    }
}
