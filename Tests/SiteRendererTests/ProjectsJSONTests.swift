import CoverageModel
import Formatting
import Foundation
import Testing

@testable import SiteRenderer

/// `projects.json` of a site of many projects: what the next render takes an unchanged project's
/// line of the index from, so it must give back exactly what was written, or nothing.
struct ProjectsJSONTests {
    static func run(_ index: Int, covered: Int, failed: Bool = false) -> RunSummary {
        RunSummary(
            id: "r\(index)", time: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 600),
            source: RunSource(),
            components: [
                ComponentSummary(
                    name: "python", producer: .coveragePy, status: failed ? .failed(reason: "no report") : .measured,
                    counts: Counts(linesValid: 100, linesCovered: covered, branchesValid: 10, branchesCovered: 5),
                    tests: nil, contentHash: ""),
                ComponentSummary(
                    name: "rust", producer: .tarpaulin, status: .measured,
                    counts: Counts(linesValid: 50, linesCovered: 40), tests: nil, contentHash: ""),
            ])
    }

    static let alert = Alert(
        runID: "r3", time: Date(timeIntervalSince1970: 1_700_000_000), component: "python", kind: .drop,
        severity: .warning, message: "line coverage fell 2.0 points \"since\" r2\n",
        condition: AlertCondition(component: "python", topic: .drop(.line)))

    static let overviews = [
        ProjectOverview(
            name: "zeta", runs: (0..<45).map { run($0, covered: 50 + $0) }, activeAlerts: [alert], levels: .defaults),
        ProjectOverview(
            name: "alpha", runs: [run(0, covered: 70), run(1, covered: 0, failed: true)], activeAlerts: [],
            levels: .defaults),
        ProjectOverview(name: "one", runs: [run(0, covered: 100)], activeAlerts: [], levels: .defaults),
    ]

    @Test("Every project's line, written and read back, is what was written: counts, time, failures, alerts")
    func roundTrip() throws {
        let keys = ["zeta": "project-v1-z", "alpha": "project-v1-a", "one": "project-v1-o"]
        let text = ProjectsJSON.text(Self.overviews, keys: keys)
        #expect(text.hasPrefix("{\n  \"schema\": 1,\n  \"projects\": [\n    {\"name\": \"alpha\""))
        #expect(text.contains("\"failed\": [\"python\"]") && text.contains("\"lastRun\": \"2023-11-14T22:23:20Z\""))
        let read = ProjectsJSON.read(Array(text.utf8), levels: .defaults)
        #expect(read.count == 3)
        for overview in Self.overviews {
            #expect(read[overview.name]?.key == keys[overview.name])
            #expect(read[overview.name]?.overview == overview, "\(overview.name)")
        }
        #expect(Self.overviews[0].recentTotals.count == ProjectsPage.sparklineRuns)
        #expect(Self.overviews[1].failedComponents == ["python"])
    }

    @Test("An entry this version would not write is left out (its runs are read again); a broken file gives nothing")
    func refusedEntries() {
        func entry(
            _ name: String, runs: Int = 1, lastRun: String = "\"2023-11-14T22:13:20Z\"",
            recent: String = "[[10, 5, 0, 0]]", severity: String = "warning", key: String = "\"k\""
        ) -> String {
            "{\"name\": \"\(name)\", \"key\": \(key), \"runs\": \(runs), \"lastRun\": \(lastRun), \"overall\": null, "
                + "\"failed\": [], \"alerts\": [{\"component\": \"c\", \"severity\": \"\(severity)\", \"message\": \"m\"}], "
                + "\"recent\": \(recent)}"
        }
        let entries = [
            entry("good"), entry("covered-over-valid", recent: "[[10, 11, 0, 0]]"),
            entry("negative", recent: "[[10, -1, 0, 0]]"), entry("three-values", recent: "[[10, 5, 0]]"),
            entry("too-few-recent", runs: 2), entry("no-time", lastRun: "null"),
            entry("bad-time", lastRun: "\"2023-02-30\""),
            entry("bad-severity", severity: "fatal"), entry("no-key", key: "null"),
            entry(
                "too-many-recent", runs: 40,
                recent: "[" + Array(repeating: "[1, 1, 0, 0]", count: 31).joined(separator: ", ") + "]"),
        ]
        let file = "{\"schema\": 1, \"projects\": [" + entries.joined(separator: ", ") + "]}"
        #expect(Array(ProjectsJSON.read(Array(file.utf8), levels: .defaults).keys) == ["good"])
        #expect(
            ProjectsJSON.read(
                Array(file.replacingOccurrences(of: "\"schema\": 1", with: "\"schema\": 2").utf8), levels: .defaults
            ).isEmpty)
        #expect(ProjectsJSON.read(Array(file.utf8.dropLast(5)), levels: .defaults).isEmpty)
        #expect(ProjectsJSON.read([], levels: .defaults).isEmpty)
    }
}
