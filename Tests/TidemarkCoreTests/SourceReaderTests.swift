import Testing

@testable import TidemarkCore

/// Which folder keys are opened below the root without a look at each component's real path.
struct PlainKeyTests {
    @Test(
        "A key is plain when no component is empty, `.` or `..`, as splitting its characters says",
        arguments: [
            "a", "a/b", "a//b", "./a", "a/.", "a/..", "..", ".", "", "a/...", ".a/b..", "a/b/", "/a", "...",
            "a/.b/c", "caf\u{e9}/..", "caf\u{e9}/x", "a/\u{301}./b",
        ])
    func plain(key: String) {
        let expected = key.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
        #expect(SourceReader.isPlain(Substring(key)) == expected)
    }
}
