import Foundation
import Testing
import TestSupport

/// The committed `public/` is the site the README example makes (Scripts/sample-site.sh).
struct SampleSiteTests {
    @Test("public/ is up to date with the README example (regenerate with: bash Scripts/sample-site.sh)")
    func publicIsCurrent() throws {
        let root = FixturePaths.packageRoot
        let folder = try TemporaryFolder()
        let history = folder.path + "/history.sqlite"
        let python = "Tests/Examples/python"
        for run in ["01", "02", "03", "04", "05"] {
            let result = try CommandRunner.tidemark([
                "record", "--history", history, "--commit", "example-run\(run)", "--branch", "main",
                "--input", "python=\(python)/history/coverage-run\(run).xml", "--tests", "python=\(python)/history/junit-run\(run).xml",
                "--source-root", "python=\(python)",
            ], in: root)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let site = folder.url.appendingPathComponent("public")
        let result = try CommandRunner.tidemark([
            "generate", "--history", history, "--commit", "example-run06", "--branch", "main",
            "--input", "python=\(python)/reports/coverage.xml", "--tests", "python=\(python)/reports/junit.xml",
            "--input", "rust=Tests/Examples/rust/reports/coverage.xml", "--source-root", "python=\(python)",
            "--source-root", "rust=Tests/Examples/rust", "--output", site.path,
        ], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let problems = try GoldenDirectory.compare(actual: site, golden: root.appendingPathComponent("public"))
        #expect(problems.isEmpty, "public/ is stale: \(problems.joined(separator: "; "))")
    }
}
