import Foundation
import TestSupport
import Testing

/// Hostile and odd inputs given to the built binary: odd numbers are warned about, not silently
/// changed.
@Suite(.serialized)
struct InputHardeningTests {
    @Test("inspect and the diagnostics page show each odd <line> value with the report's path and line")
    func oddValuesWarned() throws {
        let path = FixturePaths.fixture("generic-hits-odd.xml")
        let inspect = try CommandRunner.tidemark(["inspect", path])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("warning   \(path):12: <line number=\"1\" hits=\"inf\"> in src/hits.c"))
        #expect(inspect.stdout.contains("lines     7 / 11"))
        let folder = try TemporaryFolder()
        let generate = try CommandRunner.tidemark([
            "generate", "--history", folder.path + "/h.sqlite", "--output", folder.path + "/site", "--commit", "a",
            "--input", "c=\(path)",
        ])
        #expect(generate.status == 0, "\(generate.stderr)")
        let page = try String(contentsOfFile: folder.path + "/site/diagnostics.html", encoding: .utf8)
        #expect(
            page.contains(
                ":19: &lt;line number=&quot;8&quot; hits=&quot;-3&quot;&gt; in src/hits.c: a negative hit count"))
    }

    /// A gzipped report of one class repeating `distinct` lines until there are `count` `<line>`s.
    static func repeatedLinesReport(_ count: Int, distinct: Int, to path: String) throws {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -1 -c > \"$0\"", path]
        let pipe = Pipe().closingOnExec()
        gzip.standardInput = pipe
        try gzip.run()
        let writer = pipe.fileHandleForWriting
        writer.write(Data("<coverage><packages><package><classes><class filename=\"src/a.c\"><lines>\n".utf8))
        let chunk = Data(
            (0..<10_000).map { "<line number=\"\($0 % distinct + 1)\" hits=\"\($0 % 3)\"/>\n" }.joined().utf8)
        for _ in 0..<(count / 10_000) { writer.write(chunk) }
        writer.write(Data("</lines></class></classes></package></packages></coverage>\n".utf8))
        try writer.close()
        _ = CommandRunner.exitStatus(of: gzip)
    }

    @Test(
        "A .gz repeating 100 lines 1 000 000 times is read in memory bounded by its distinct lines",
        .disabled(if: Sanitizer.isActive, "a sanitizer's shadow memory hides the program's own"))
    func repeatedLinesBoundedMemory() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/repeated.xml.gz"
        try Self.repeatedLinesReport(1_000_000, distinct: 100, to: path)
        let measured = try CommandRunner.peakMemory(FixturePaths.tidemarkBinary, ["inspect", path])
        #expect(measured.status == 0)
        // Holding every <line> took 121 MB here; merging as they come, 27 MB (the runtime's own ~20 MB included).
        #expect(measured.peakBytes < 64 << 20, "peak \(measured.peakBytes >> 20) MB")
        let inspect = try CommandRunner.tidemark(["inspect", "--json", path])
        let object = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        #expect(object?["linesValid"] as? Int == 100, "\(inspect.stdout.prefix(300))")
    }

    @Test("A FIFO given as coverage, as test results or to inspect is refused at once; nothing is recorded")
    func fifoRefused() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path + "/coverage.xml"
        try #require(mkfifo(fifo, 0o644) == 0)
        let history = folder.path + "/h.sqlite"
        let coverage = FixturePaths.packageRoot.path + "/Tests/Examples/python/reports/coverage.xml"
        for command in [
            ["inspect", fifo],
            ["record", "--history", history, "--commit", "a", "--input", "python=\(fifo)"],
            [
                "record", "--history", history, "--commit", "a", "--input", "python=\(coverage)", "--tests",
                "python=\(fifo)",
            ],
            ["generate", "--history", history, "--output", folder.path + "/site", "--commit", "a", "--input", fifo],
        ] {
            let start = Date()
            let result = try CommandRunner.tidemark(command, timeout: 30)
            #expect(result.status == 1, "\(command[0]): \(result.stderr)")
            #expect(
                result.stderr.contains("\(fifo): cannot read the file: it is a FIFO (named pipe), not a regular file"))
            #expect(Date().timeIntervalSince(start) < 20)
        }
        #expect(!FileManager.default.fileExists(atPath: history))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/site"))
    }

    @Test("A report time of 1e300 is unknown with a warning; inspect and record no longer crash on it")
    func hugeTimestamp() throws {
        let path = FixturePaths.fixture("generic-timestamp-huge.xml")
        let inspect = try CommandRunner.tidemark(["inspect", path])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("time      unknown"))
        #expect(inspect.stdout.contains("timestamp=\"1e300\" is not a time before the year 10000"))
        let folder = try TemporaryFolder()
        let record = try CommandRunner.tidemark([
            "record", "--history", folder.path + "/h.sqlite", "--commit", "a", "--time", "2026-01-02T03:04:05Z",
            "--input", "c=\(path)",
        ])
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stdout.contains("of 2026-01-02T03:04:05Z"))
    }

    @Test("A report in a broken encoding gives one clear error line, not libxml2's own messages too")
    func encodingErrorIsOneLine() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/coverage.xml"
        var bytes = Data("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n<coverage>".utf8)
        bytes += Data([0x1B, 0x24, 0x42, 0xFF, 0xFF]) + Data("</coverage>".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try CommandRunner.tidemark(["inspect", path])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("tidemark: \(path):2:"))
    }

    @Test(
        "Reading a document with entity declarations 3 000 times in one process does not grow its memory",
        .disabled(
            if: Sanitizer.isActive,
            "a sanitizer's shadow memory hides the program's own (LeakSanitizer checks this there)"))
    func declarationsDoNotLeak() throws {
        // libxml2 builds a document to hold the declarations, which the reader must free: the
        // fuzzer's LeakSanitizer found ~13 KB lost per parse (64 MB peak here before, 26 MB after).
        let path = FixturePaths.fixture("security-billion-laughs.xml")
        let measured = try CommandRunner.peakMemory(
            FixturePaths.tidemarkBinary, ["inspect"] + Array(repeating: path, count: 3000))
        #expect(measured.status == 1)
        #expect(measured.peakBytes < 45 << 20, "peak \(measured.peakBytes >> 20) MB")
    }
}
