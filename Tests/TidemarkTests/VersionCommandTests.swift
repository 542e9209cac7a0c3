import Foundation
import TestSupport
import Testing

/// `tidemark --version`: the version from the file VERSION and the commit stamped at build time.
struct VersionCommandTests {
    @Test("--version prints the version from VERSION and a commit (12 hex digits, or unknown without git)")
    func versionAndCommit() throws {
        let result = try CommandRunner.tidemark(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let version = try String(contentsOf: FixturePaths.packageRoot.appending(path: "VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let line = result.stdout.trimmingCharacters(in: .newlines)
        let pattern = #/tidemark (?<version>\S+) \(commit (?<commit>[0-9a-f]{12}(, modified)?|unknown)\)/#
        let match = try #require(line.wholeMatch(of: pattern), "unexpected: \(line)")
        #expect(match.output.version == version)
    }
}
