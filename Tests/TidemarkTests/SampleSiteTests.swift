import Foundation
import TestSupport
import Testing

/// The committed `public/` is the site Scripts/sample-site.sh makes: the 60-day sample history of
/// Tests/Examples/python/sample-history/plan.txt, replayed with --time.
struct SampleSiteTests {
    static let root = FixturePaths.packageRoot
    static let samples = "Tests/Examples/python/sample-history"

    /// Each day of the plan: date, variant, components.
    static func plan() throws -> [(date: String, variant: String, withRust: Bool)] {
        let text = try String(contentsOf: root.appendingPathComponent(samples + "/plan.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.first?.isNumber == true }.map { line in
            let words = line.split(separator: " ").map(String.init)
            return (words[0], words[1], words[2] == "python,rust")
        }
    }

    /// The arguments that record one day, as the script gives them.
    static func arguments(day: Int, date: String, variant: String, withRust: Bool, history: String) -> [String] {
        var arguments = [
            "--config", "Tests/Examples/tidemark.toml", "--history", history, "--time", date + "T09:00:00Z",
            "--commit", String(format: "sample-%02d", day), "--branch", "main",
            "--input", "python=\(samples)/reports/\(variant)-coverage.xml.gz",
            "--tests", "python=\(samples)/reports/\(variant)-junit.xml.gz", "--source-root",
            "python=Tests/Examples/python",
        ]
        if withRust {
            arguments += [
                "--input", "rust=Tests/Examples/rust/reports/coverage.xml", "--source-root", "rust=Tests/Examples/rust",
            ]
        }
        return arguments
    }

    @Test("public/ is up to date with the sample history (regenerate with: bash Scripts/sample-site.sh)")
    func publicIsCurrent() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/history.sqlite"
        let site = folder.url.appendingPathComponent("public")
        let days = try Self.plan()
        #expect(days.count == 60)
        for (index, day) in days.enumerated() {
            let last = index == days.count - 1
            let arguments = Self.arguments(
                day: index + 1, date: day.date, variant: day.variant, withRust: day.withRust, history: history)
            let result = try CommandRunner.tidemark(
                [last ? "generate" : "record"] + arguments + (last ? ["--output", site.path] : []), in: Self.root)
            // The blocked day is a failed measurement: exit 2, recorded.
            #expect(result.status == (day.variant == "b01" ? 2 : 0), "day \(index + 1): \(result.stderr)")
        }
        let problems = try GoldenDirectory.compare(actual: site, golden: Self.root.appendingPathComponent("public"))
        #expect(problems.isEmpty, "public/ is stale: \(problems.joined(separator: "; "))")
    }
}
