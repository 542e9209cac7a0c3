import Foundation
import Testing
import TestSupport

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
        #expect(page.contains(":19: &lt;line number=&quot;8&quot; hits=&quot;-3&quot;&gt; in src/hits.c: a negative hit count"))
    }
}
