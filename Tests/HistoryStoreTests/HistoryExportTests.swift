import CoverageModel
import Foundation
import HistoryStore
import Testing

/// The export is written by hand for speed; these tests hold it to what Foundation's JSONEncoder
/// wrote before (sorted keys, no escaped slashes), so exports keep their bytes across versions.
struct HistoryExportTests {
    /// The export's shape as Codable values, encoded the way exports used to be.
    private struct Run: Encodable {
        let id, time: String
        let commit, branch, buildURL: String?
        let components: [Component]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(time, forKey: .time)
            try container.encode(commit, forKey: .commit)
            try container.encode(branch, forKey: .branch)
            try container.encode(buildURL, forKey: .buildURL)
            try container.encode(components, forKey: .components)
        }

        enum CodingKeys: CodingKey { case id, time, commit, branch, buildURL, components }
    }

    private struct Component: Encodable {
        let name: String
        let producer, reason: String?
        let status: String
        let linesValid, linesCovered, branchesValid, branchesCovered: Int
        let tests: Tests?
        let contentHash: String
        let files: [File]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(producer, forKey: .producer)
            try container.encode(reason, forKey: .reason)
            try container.encode(status, forKey: .status)
            try container.encode(linesValid, forKey: .linesValid)
            try container.encode(linesCovered, forKey: .linesCovered)
            try container.encode(branchesValid, forKey: .branchesValid)
            try container.encode(branchesCovered, forKey: .branchesCovered)
            try container.encode(tests, forKey: .tests)
            try container.encode(contentHash, forKey: .contentHash)
            try container.encode(files, forKey: .files)
        }

        enum CodingKeys: CodingKey {
            case name, producer, reason, status, linesValid, linesCovered, branchesValid, branchesCovered, tests
            case contentHash, files
        }
    }

    private struct Tests: Encodable {
        let tests, passed, failures, errors, skipped, collectionErrors: Int
    }

    private struct File: Encodable {
        let path: String
        let linesValid, linesCovered, branchesValid, branchesCovered: Int
    }

    private static func encoded(_ run: Run) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(run), as: UTF8.self) + "\n"
    }

    @Test("Export lines equal JSONEncoder's, strings with quotes, backslashes, control characters and Unicode included")
    func sameBytesAsJSONEncoder() throws {
        let awkward = "a\"b\\c/d\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}é€😀"
        let tests = TestResults(tests: 5, passed: 2, failures: 1, errors: 1, skipped: 1, collectionErrors: 1)
        let summary = RunSummary(
            id: "0123", time: Date(timeIntervalSince1970: 1_700_000_000),
            source: RunSource(commit: awkward, branch: nil, buildURL: "https://ci.example/1"),
            components: [
                ComponentSummary(
                    name: "python", producer: .coveragePy, status: .measured,
                    counts: Counts(linesValid: 10, linesCovered: 7, branchesValid: 4, branchesCovered: -1),
                    tests: tests,
                    contentHash: "h",
                    files: [FileSummary(path: awkward, counts: Counts(linesValid: 10, linesCovered: 7))]),
                ComponentSummary(
                    name: "rust", producer: nil, status: .failed(reason: "no\nreport"), counts: .zero, tests: nil,
                    contentHash: "", files: []),
            ])
        let expected = Run(
            id: "0123", time: "2023-11-14T22:13:20Z", commit: awkward, branch: nil, buildURL: "https://ci.example/1",
            components: [
                Component(
                    name: "python", producer: "coverage.py", reason: nil, status: "measured", linesValid: 10,
                    linesCovered: 7,
                    branchesValid: 4, branchesCovered: -1,
                    tests: Tests(tests: 5, passed: 2, failures: 1, errors: 1, skipped: 1, collectionErrors: 1),
                    contentHash: "h",
                    files: [
                        File(path: awkward, linesValid: 10, linesCovered: 7, branchesValid: 0, branchesCovered: 0)
                    ]),
                Component(
                    name: "rust", producer: nil, reason: "no\nreport", status: "failed", linesValid: 0, linesCovered: 0,
                    branchesValid: 0, branchesCovered: 0, tests: nil, contentHash: "", files: []),
            ])
        #expect(HistoryExchange.export([summary]) == (try Self.encoded(expected)))
    }
}
