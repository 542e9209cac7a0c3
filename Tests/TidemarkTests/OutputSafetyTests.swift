import Foundation
import TestSupport
import Testing

/// The output folder: Tidemark replaces only a folder it wrote itself (or an empty or missing one),
/// never one holding the history, the configuration, an input or the current folder; a refusal
/// comes before anything is recorded (issue 11, item 1). Run as the real binary on real reports.
struct OutputSafetyTests {
    static let examples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples")
    static let python = "python=\(examples.path)/python/reports/coverage.xml"

    static func generate(output: String, history: String, in folder: URL, extra: [String] = []) throws -> CommandResult
    {
        try CommandRunner.tidemark(
            [
                "generate", "--history", history, "--commit", "c1", "--branch", "main", "--input", python, "--output",
                output,
            ]
                + extra,
            in: folder)
    }

    /// Every regular file under `folder` with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try GoldenDirectory.files(under: folder) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test("--output . in a project folder: exit 64, nothing deleted, nothing recorded")
    func currentFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("project/README.md", "my project\n")
        try folder.write("project/src/main.py", "print('hi')\n")
        let project = folder.url.appendingPathComponent("project")
        let before = try Self.snapshot(project)
        let result = try Self.generate(output: ".", history: "../h.sqlite", in: project)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("refused"))
        #expect(try Self.snapshot(project) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/h.sqlite"), "nothing recorded")
    }

    @Test(
        "An output folder Tidemark did not write, or a regular file: exit 64, contents untouched",
        arguments: [
            "folder", "file", "parent-of-cwd",
        ])
    func foreignOutput(_ kind: String) throws {
        let folder = try TemporaryFolder()
        let output: String
        var workingFolder = folder.url
        switch kind {
        case "folder":
            try folder.write("docs/guide.md", "keep me\n")
            output = folder.path + "/docs"
        case "file":
            output = try folder.write("notes.txt", "keep me\n")
        default:
            try folder.write("out/work/.keep", "")
            try folder.write("out/.tidemark-site", "a site\n")
            workingFolder = folder.url.appendingPathComponent("out/work")
            output = folder.path + "/out"
        }
        let before = try Self.snapshot(folder.url)
        let result = try Self.generate(output: output, history: folder.path + "/h.sqlite", in: workingFolder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("tidemark: --output \(output): refused: "))
        #expect(try Self.snapshot(folder.url) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/h.sqlite"))
    }

    @Test("An output that would hold the history, the configuration or an input is refused before recording")
    func outputHoldsProtectedFiles() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/out"
        var result = try Self.generate(output: site, history: site + "/h.sqlite", in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("it holds the history \(site)/h.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: site), "nothing was created")

        // Folders that look like sites (they carry the marker) but hold an input or the configuration.
        try folder.write("reports/.tidemark-site", "a site\n")
        let input = try folder.copy("\(Self.examples.path)/python/reports/coverage.xml", to: "reports/coverage.xml")
        result = try CommandRunner.tidemark(
            ["generate", "--history", "h.sqlite", "--input", "python=\(input)", "--output", "reports/../reports"],
            in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("it holds the input \(input)"))
        #expect(FileManager.default.fileExists(atPath: input))

        try folder.write("conf/.tidemark-site", "a site\n")
        try folder.write("conf/tidemark.toml", "output = \"site\"\n")
        result = try CommandRunner.tidemark(
            [
                "generate", "--config", "conf/tidemark.toml", "--history", "h.sqlite", "--input", Self.python,
                "--output", "conf",
            ],
            in: folder.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("it holds the configuration conf/tidemark.toml"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/h.sqlite"))
    }

    @Test("A site Tidemark wrote is replaced, an empty folder is used, and every site carries the marker")
    func ownSiteReplaced() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/empty", withIntermediateDirectories: true)
        #expect(try Self.generate(output: "empty", history: "h.sqlite", in: folder.url).status == 0)
        let marker = folder.path + "/empty/.tidemark-site"
        #expect(FileManager.default.fileExists(atPath: marker))
        try folder.write("empty/stale-page.html", "from an older render\n")
        #expect(
            try Self.generate(output: "empty", history: "h.sqlite", in: folder.url, extra: ["--time", "2026-01-01"])
                .status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/empty/stale-page.html"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/empty/index.html"))
    }

    @Test("A symlinked output stays a link; the folder it points to gets the site")
    func symlinkedOutput() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/site", withDestinationPath: "real")
        for time in ["2026-01-01", "2026-01-02"] {
            let result = try Self.generate(
                output: "site", history: "h.sqlite", in: folder.url, extra: ["--time", time])
            #expect(result.status == 0, "\(result.stderr)")
            let destination = try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/site")
            #expect(destination == "real")
            #expect(FileManager.default.fileExists(atPath: folder.path + "/real/index.html"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.contains("tidemark-")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("generate that recorded the run but could not write the site exits 8; the run is in the history")
    func recordedButNotWritten() throws {
        let folder = try TemporaryFolder()
        // The output links to a folder under a regular file: the lock beside the link is taken, but
        // the site cannot be written, even by root (as a full or read-only disk would refuse it).
        try folder.write("blocker", "a file where the site's parent folder should be\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/site", withDestinationPath: "blocker/site")
        let result = try Self.generate(output: "site", history: "h.sqlite", in: folder.url)
        #expect(result.status == 8, "\(result.stderr)")
        #expect(result.stderr.contains("the run was recorded, but the site was not written"))
        let list = try CommandRunner.tidemark(["history", "list", "--json", "--history", "h.sqlite"], in: folder.url)
        #expect(list.stdout.components(separatedBy: "\"id\"").count == 2, "the run was recorded")
        #expect(try String(contentsOfFile: folder.path + "/blocker", encoding: .utf8).hasPrefix("a file"))
    }

    @Test("Staging folders of killed renders are removed by the next render; other folders are not")
    func staleStagingRemoved() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.generate(output: "site", history: "h.sqlite", in: folder.url).status == 0)
        // PIDs above the kernel's pid_max never run: these are leftovers of dead processes.
        try folder.write(".site.tidemark-new-4999999/index.html", "half a site\n")
        try folder.write(".site.tidemark-old-4999998/index.html", "an old site\n")
        try folder.write(".site.tidemark-new-notapid/keep.txt", "not ours\n")
        try folder.write(".other.tidemark-new-4999997/keep.txt", "another output's\n")
        let result = try CommandRunner.tidemark(
            ["render", "--history", "h.sqlite", "--output", "site"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(!names.contains(".site.tidemark-new-4999999"))
        #expect(!names.contains(".site.tidemark-old-4999998"))
        #expect(names.contains(".site.tidemark-new-notapid"))
        #expect(names.contains(".other.tidemark-new-4999997"))
    }

    @Test("A render killed with SIGKILL leaves a staging folder that the next render removes")
    func killedRender() throws {
        let folder = try TemporaryFolder()
        let report = try SyntheticReport.write(files: 3_000, lines: 120, to: folder.path + "/big.xml")
        var result = try CommandRunner.tidemark(
            ["record", "--history", "h.sqlite", "--commit", "c", "--branch", "b", "--input", "python=\(report)"],
            in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        // Killed as soon as its staging folder exists (polled, not timed: under a sanitizer on a busy
        // machine a render takes many times longer, and fixed delays missed the window).
        var sawStaging = false
        for _ in 0..<3 where !sawStaging {
            let process = Process()
            process.executableURL = FixturePaths.tidemarkBinary
            process.arguments = ["render", "--history", "h.sqlite", "--output", "site"]
            process.currentDirectoryURL = folder.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let staging = folder.path + "/.site.tidemark-new-\(process.processIdentifier)"
            while process.isRunning, !FileManager.default.fileExists(atPath: staging) { usleep(5_000) }
            kill(process.processIdentifier, SIGKILL)
            _ = CommandRunner.exitStatus(of: process)
            sawStaging = FileManager.default.fileExists(atPath: staging)
        }
        #expect(sawStaging, "a render was killed while writing")
        result = try CommandRunner.tidemark(["render", "--history", "h.sqlite", "--output", "site"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.contains(".tidemark-")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
