import CoverageAnalysis
import CoverageModel
import Formatting

/// `summary.json`, `summary.md` and the badges: what scripts, CI step summaries and READMEs read.
///
/// `summary.json` (schema 1; keys stable, unknown values `null`, rates 0…1 with up to 6 decimals,
/// deltas in percentage points):
///
///     {"schema": 1, "time", "commit", "branch", "buildURL", "runs": N,
///      "overall": {"linesValid", "linesCovered", "branchesValid", "branchesCovered", "lineRate", "branchRate"},
///      "components": [{"name", "status", "reason", "producer", "linesValid", "linesCovered", "branchesValid",
///                      "branchesCovered", "lineRate", "branchRate", "lineDelta", "branchDelta", "files",
///                      "tests": {"tests", "passed", "failures", "errors", "skipped", "collectionErrors"} | null}]}
enum MachineOutputs {
    static func summaryJSON(_ rows: [ComponentFacts], overall: Counts, input: SiteInput) -> String {
        let run = input.run
        let components = rows.map { row -> String in
            let tests =
                row.tests.map { tests in
                    JSONText.object([
                        ("tests", "\(tests.tests)"), ("passed", "\(tests.passed)"), ("failures", "\(tests.failures)"),
                        ("errors", "\(tests.errors)"), ("skipped", "\(tests.skipped)"),
                        ("collectionErrors", "\(tests.collectionErrors)"),
                    ])
                } ?? "null"
            return "    "
                + JSONText.object(
                    [
                        ("name", JSONText.string(row.name)), ("status", JSONText.string(row.status.name)),
                        ("reason", JSONText.string(row.status.reason)),
                        ("producer", JSONText.string(row.producer?.rawValue)),
                    ] + countPairs(row.counts) + [
                        ("lineDelta", JSONText.rate(row.delta.linePoints)),
                        ("branchDelta", JSONText.rate(row.delta.branchPoints)),
                        ("files", "\(row.files)"), ("tests", tests),
                    ])
        }
        let pairs: [(String, String)] = [
            ("schema", "1"), ("time", JSONText.string(ISO8601.string(from: run.time))),
            ("commit", JSONText.string(run.source.commit)), ("branch", JSONText.string(run.source.branch)),
            ("buildURL", JSONText.string(run.source.buildURL)), ("runs", "\(input.history.count)"),
            ("overall", JSONText.object(countPairs(overall))),
            ("components", components.isEmpty ? "[]" : "[\n" + components.joined(separator: ",\n") + "\n  ]"),
        ]
        return "{\n" + pairs.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    private static func countPairs(_ counts: Counts) -> [(String, String)] {
        [
            ("linesValid", "\(counts.linesValid)"), ("linesCovered", "\(counts.linesCovered)"),
            ("branchesValid", "\(counts.branchesValid)"), ("branchesCovered", "\(counts.branchesCovered)"),
            ("lineRate", JSONText.rate(counts.lineRate)), ("branchRate", JSONText.rate(counts.branchRate)),
        ]
    }

    /// A Markdown table for a CI step summary or a PR comment.
    static func summaryMarkdown(_ rows: [ComponentFacts], overall: Counts, input: SiteInput) -> String {
        let run = input.run
        var text = "## Coverage\n\n"
        text += "Run of \(ISO8601.string(from: run.time))"
        if let commit = run.source.commit {
            text += " · commit `\(PlainTextEscaping.markdownCell(DisplayFormat.commit(commit)))`"
        }
        if let branch = run.source.branch { text += " · branch \(PlainTextEscaping.markdownCell(branch))" }
        text +=
            "\n\n| Component | Lines | Line % | Δ | Branches | Branch % | Tests |\n"
            + "|---|---:|---:|---:|---:|---:|---|\n"
        for row in rows {
            let counts = CountsText(row.counts)
            if let reason = row.status.reason {
                text +=
                    "| \(PlainTextEscaping.markdownCell(row.name)) "
                    + "| measurement failed: \(PlainTextEscaping.markdownCell(reason)) | | | | "
                    + "| \(row.tests.map(DisplayFormat.tests) ?? "—") |\n"
                continue
            }
            text +=
                "| \(PlainTextEscaping.markdownCell(row.name)) | \(counts.linesText) | \(counts.lineRateText) "
                + "| \(DisplayFormat.delta(row.delta.linePoints)) "
            text +=
                "| \(counts.branchesText) | \(counts.branchRateText) "
                + "| \(row.tests.map(DisplayFormat.tests) ?? "—") |\n"
        }
        let total = CountsText(overall)
        text +=
            "| **Overall** | \(total.linesText) | **\(total.lineRateText)** | | \(total.branchesText) "
            + "| \(total.branchRateText) | |\n"
        return text
    }

    /// A badge coloured by the line levels the pages use (`CoverageLevels`), so it agrees with them.
    static func badge(label: String, counts: Counts?, failed: Bool, levels: CoverageLevels = .defaults) -> String {
        if failed { return Badge(label: label, message: "failed", color: "#9f9f9f").svg() }
        let rate = counts?.lineRate
        let color = Badge.color(forRate: rate, target: levels.line.target, warning: levels.line.warning)
        return Badge(label: label, message: DisplayFormat.percent(rate), color: color).svg()
    }
}

/// One component's figures, shared by the machine outputs.
struct ComponentFacts {
    let name: String
    let status: ComponentStatus
    let producer: Producer?
    let counts: Counts
    let delta: RunDelta
    let files: Int
    let tests: TestResults?

    static func of(_ input: SiteInput) -> [ComponentFacts] {
        let history = input.history
        let latest = history.last
        return input.run.components.map { component in
            let summary = latest?.component(named: component.name)
            return ComponentFacts(
                name: component.name, status: component.status,
                producer: component.report?.producer ?? summary?.producer,
                counts: component.report?.totals ?? summary?.counts ?? .zero,
                delta: summary.map { RunDelta.sinceLastMeasured($0, in: history.dropLast()) }
                    ?? RunDelta(linePoints: nil, branchPoints: nil),
                files: component.report?.files.count ?? summary?.files.count ?? 0, tests: component.tests)
        }
    }
}
