import CoverageModel
import Formatting
import Foundation

/// `projects.json` of a site of many projects (schema 1): each project's line of the index, for
/// scripts and dashboards, and for the next render, which takes an unchanged project's line from it
/// (same `key`, the fingerprint of what the project's pages were drawn from) instead of reading its
/// runs again.
///
///     {"schema": 1, "projects": [{"name", "key", "runs": N, "lastRun": "…Z" | null,
///       "overall": {"linesValid", "linesCovered", "branchesValid", "branchesCovered", "lineRate", "branchRate"} | null,
///       "failed": [component, …], "alerts": [{"component", "severity", "message"}],
///       "recent": [[linesValid, linesCovered, branchesValid, branchesCovered], …]}]}
///
/// Projects by name; `recent` holds the overall counts of the newest runs (at most 30), oldest
/// first, the last being `overall`; `failed` names the components whose latest measurement failed.
public enum ProjectsJSON {
    public static let name = "projects.json"
    /// Changes whenever a project's line is computed differently from the same runs (which alerts
    /// hold, how many runs the sparkline shows): part of each project's key, so an upgrade reads
    /// every project again instead of taking lines computed the old way.
    public static let format = "projects-1: 30 recent runs, alerts of AlertRules.active"

    /// The file for `projects`, each with its key.
    static func text(_ projects: [ProjectOverview], keys: [String: String]) -> String {
        let lines = projects.sorted { $0.name < $1.name }.map { project -> String in
            let overall = project.recentTotals.last.map { counts in
                JSONText.object([
                    ("linesValid", "\(counts.linesValid)"), ("linesCovered", "\(counts.linesCovered)"),
                    ("branchesValid", "\(counts.branchesValid)"), ("branchesCovered", "\(counts.branchesCovered)"),
                    ("lineRate", JSONText.rate(counts.lineRate)), ("branchRate", JSONText.rate(counts.branchRate)),
                ])
            }
            let alerts = project.alerts.map { alert in
                JSONText.object([
                    ("component", JSONText.string(alert.component)),
                    ("severity", JSONText.string(alert.severity.rawValue)),
                    ("message", JSONText.string(alert.message)),
                ])
            }
            let recent = project.recentTotals.map {
                "[\($0.linesValid), \($0.linesCovered), \($0.branchesValid), \($0.branchesCovered)]"
            }
            return "    "
                + JSONText.object([
                    ("name", JSONText.string(project.name)), ("key", JSONText.string(keys[project.name])),
                    ("runs", "\(project.runCount)"),
                    ("lastRun", JSONText.string(project.lastRunTime.map(ISO8601.string(from:)))),
                    ("overall", overall ?? "null"),
                    (
                        "failed",
                        "[" + project.failedComponents.map { JSONText.string($0) }.joined(separator: ", ") + "]"
                    ),
                    ("alerts", "[" + alerts.joined(separator: ", ") + "]"),
                    ("recent", "[" + recent.joined(separator: ", ") + "]"),
                ])
        }
        return "{\n  \"schema\": 1,\n  \"projects\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// The projects of a `projects.json` by name, with their keys; projects whose entry is not one
    /// this version writes are left out (their runs are read again), and so is every project of a
    /// file that is not such JSON.
    public static func read(_ bytes: [UInt8], levels: CoverageLevels) -> [String: (
        key: String, overview: ProjectOverview
    )] {
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)), file.schema == 1 else { return [:] }
        var result: [String: (key: String, overview: ProjectOverview)] = [:]
        for entry in file.projects {
            if let key = entry.key, let overview = entry.overview(levels: levels) {
                result[entry.name] = (key, overview)
            }
        }
        return result
    }

    private struct File: Decodable {
        let schema: Int
        let projects: [Entry]
    }

    private struct Entry: Decodable {
        let name: String
        let key: String?
        let runs: Int
        let lastRun: String?
        let failed: [String]
        let alerts: [AlertEntry]
        let recent: [[Int]]

        func overview(levels: CoverageLevels) -> ProjectOverview? {
            let totals = recent.compactMap { values -> Counts? in
                guard values.count == 4, values.allSatisfy({ $0 >= 0 }), values[1] <= values[0], values[3] <= values[2]
                else { return nil }
                return Counts(
                    linesValid: values[0], linesCovered: values[1], branchesValid: values[2],
                    branchesCovered: values[3])
            }
            let time = lastRun.flatMap(ISO8601.date(from:))
            let lines = alerts.compactMap { alert in
                Alert.Severity(rawValue: alert.severity).map {
                    ProjectOverview.AlertLine(severity: $0, component: alert.component, message: alert.message)
                }
            }
            guard totals.count == recent.count, totals.count == min(runs, ProjectsPage.sparklineRuns),
                (time == nil) == (lastRun == nil), (time == nil) == totals.isEmpty, lines.count == alerts.count
            else { return nil }
            return ProjectOverview(
                name: name, runCount: runs, lastRunTime: time, recentTotals: totals, failedComponents: failed,
                alerts: lines, levels: levels)
        }
    }

    private struct AlertEntry: Decodable {
        let component: String
        let severity: String
        let message: String
    }
}
