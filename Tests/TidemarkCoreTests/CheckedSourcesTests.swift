import CoverageModel
import Foundation
import SiteRenderer
import TestSupport
import Testing

@testable import TidemarkCore

/// Sources checked before the pages are drawn give each page what the reader alone would have.
struct CheckedSourcesTests {
    /// 600 files in three folders (more than two of `CheckedSources.batch`), one key that names no
    /// file, and one file without a key.
    static func run(in folder: TemporaryFolder) throws -> Run {
        var files: [SourceFile] = []
        for index in 0..<600 {
            let key = "pkg\(index % 3)/module_\(index).py"
            try FileManager.default.createDirectory(
                atPath: folder.path + "/pkg\(index % 3)", withIntermediateDirectories: true)
            try Data("x = \(index)\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/" + key))
            files.append(SourceFile(name: key, key: key, lines: [LineCoverage(number: 1, hits: 1)]))
        }
        files.append(
            SourceFile(name: "gone/missing.py", key: "gone/missing.py", lines: [LineCoverage(number: 1, hits: 0)]))
        files.append(SourceFile(name: "unresolved.py", lines: [LineCoverage(number: 1, hits: 0)]))
        let report = CoverageReport(producer: .coveragePy, timestamp: nil, sources: [folder.path], files: files)
        return Run(time: Date(timeIntervalSince1970: 0), components: [ComponentRun(name: "python", report: report)])
    }

    @Test("Every file checked early, some, or none: each page's sources equal the reader's")
    func sameAsReader() throws {
        let folder = try TemporaryFolder()
        let run = try Self.run(in: folder)
        let files = run.components[0].report!.files.map(SourceRequest.init)
        let reader = SourceReader(sourceRoots: SourceRoots(parsing: [folder.path]), components: ["python"])
        let expected = reader.sources(component: "python", files: files)
        #expect(expected.filter { if case .file = $0 { true } else { false } }.count == 600)
        var batches = 0
        let variants = [
            CheckedSources(reader: reader, run: run, while: { true }),
            CheckedSources(
                reader: reader, run: run,
                while: {
                    batches += 1
                    return batches == 1
                }),
            CheckedSources(reader: reader, run: run, while: { false }),
        ]
        // The second variant checked exactly one batch, then stopped.
        #expect(batches == 2)
        for checked in variants {
            #expect(checked.sources(component: "python", files: files, places: Array(files.indices)) == expected)
            // A page's few files, across the end of the first batch.
            let page = Array(files[250..<262])
            #expect(
                checked.sources(component: "python", files: page, places: Array(250..<262))
                    == Array(expected[250..<262]))
            // Files at other places than those checked (a component drawn from an older run): the
            // reader's answer, not the answer for the file that was at that place.
            #expect(
                checked.sources(component: "python", files: page, places: Array(0..<12))
                    == Array(expected[250..<262]))
            #expect(
                checked.sources(component: "python", files: page, places: Array(10_000..<10_012))
                    == Array(expected[250..<262]))
            // A component the run does not have: the reader's answer.
            #expect(
                checked.sources(component: "rust", files: page, places: Array(250..<262))
                    == reader.sources(component: "rust", files: page))
        }
    }
}
