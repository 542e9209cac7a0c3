import Foundation
import TestSupport
import Testing

/// `tidemark inspect`, run as a real process.
struct InspectCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("--json on a Cobertura file prints exactly the documented keys")
    func coberturaJSON() throws {
        let result = try CommandRunner.tidemark(["inspect", "--json", FixturePaths.fixture("coverage.py-branches.xml")])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(
            Set(object.keys) == [
                "producer", "timestamp", "files", "linesValid", "linesCovered", "branchesValid", "branchesCovered",
                "perFile", "warnings",
            ])
        #expect(object["producer"] as? String == "coverage.py")
        #expect(object["linesValid"] as? Int == 9)
        let perFile = try #require(object["perFile"] as? [String: [String: Int]])
        #expect(
            perFile.values.allSatisfy {
                Set($0.keys) == ["linesValid", "linesCovered", "branchesValid", "branchesCovered"]
            })
    }

    @Test("--json on a JUnit file prints the six counts")
    func junitJSON() throws {
        let result = try CommandRunner.tidemark(["inspect", "--json", FixturePaths.fixture("junit-pytest.xml.gz")])
        #expect(result.status == 0)
        let object = try json(result.stdout)
        #expect(Set(object.keys) == ["tests", "passed", "failures", "errors", "skipped", "collectionErrors"])
        #expect(object["tests"] as? Int == 7)
    }

    @Test("Several paths give one object keyed by path; a bad one gives {error, message} and exit 1")
    func severalPathsAndErrors() throws {
        let good = FixturePaths.fixture("coverage.py-branches.xml")
        let bad = FixturePaths.fixture("broken-truncated-mid-tag.xml")
        let result = try CommandRunner.tidemark(["inspect", "--json", good, bad])
        #expect(result.status == 1)
        let object = try json(result.stdout)
        #expect(Set(object.keys) == [good, bad])
        let error = try #require(object[bad] as? [String: String])
        #expect(error["error"] == "malformed")
        #expect(error["message"]?.hasPrefix("\(bad):") == true)
    }

    @Test("Without --json a bad file is one line on stderr: PATH:LINE:COLUMN: what is wrong")
    func errorLine() throws {
        let bad = FixturePaths.fixture("broken-mismatched-tag.xml")
        let result = try CommandRunner.tidemark(["inspect", bad])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tidemark: \(bad):9:47: not well-formed XML"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("The text view shows producer, time, sources, totals and a per-file table")
    func textView() throws {
        let result = try CommandRunner.tidemark(["inspect", FixturePaths.fixture("coverage.py-branches.xml")])
        #expect(result.status == 0)
        for word in [
            "producer  coverage.py", "time      ", "sources", "lines     7 / 9", "branches  3 / 6", "files     3",
        ] {
            #expect(result.stdout.contains(word), "\(word)")
        }
    }
}
