import Testing

@testable import SiteRenderer

/// Page names and file names as the site derives them from report paths.
struct SiteLayoutTests {
    @Test(
        "A file's name is the last part of its path, trailing slashes ignored, as splitting on '/' gives it",
        arguments: ["pkg/mod.py", "mod.py", "a/b/c/", "/abs/x.rs", "/", "//", "", "dir//f.py", "naïve/ünï.py", "a/ b .py"])
    func fileName(path: String) {
        let split = path.split(separator: "/").last.map(String.init) ?? path
        #expect(SiteLayout.fileName(path) == split)
    }
}
