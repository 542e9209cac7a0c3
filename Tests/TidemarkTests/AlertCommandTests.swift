import Foundation
import TestSupport
import Testing

/// Alerts end to end on real files, with real processes for the hook and the log.
@Suite(.serialized)
struct AlertCommandTests {
    static func kinds(_ log: String) throws -> [String] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["kind"] as? String
        }
    }

    @Test(
        "Replaying attrs-history with target 99 % and warning 95 % gives one approaching and one target-reached alert, in the log and on the page",
        .enabled(if: FixturePaths.sharedCorpus != nil, "../shared/corpus is absent: skipped"))
    func attrsReplay() throws {
        let corpus = try #require(FixturePaths.sharedCorpus).appendingPathComponent("pytest-cov/attrs-history")
        let folder = try TemporaryFolder()
        let log = folder.path + "/alerts.jsonl"
        for run in (1...10).map({ String(format: "%02d", $0) }) {
            let result = try CommandRunner.tidemark([
                "generate", "--history", folder.path + "/h.sqlite", "--commit", "attrs-\(run)", "--line-target", "99",
                "--line-warning", "95", "--alert-log", log, "--output", folder.path + "/site",
                "--input", "python=\(corpus.path)/coverage-run\(run).xml", "--tests",
                "python=\(corpus.path)/junit-run\(run).xml",
            ])
            #expect(result.status == 0, "run \(run): \(result.stderr)")
        }
        let kinds = try Self.kinds(log)
        #expect(kinds.filter { $0 == "approaching" }.count == 1, "\(kinds)")
        #expect(kinds.filter { $0 == "target-reached" }.count == 1, "\(kinds)")
        let page = try String(contentsOfFile: folder.path + "/site/alerts.html", encoding: .utf8)
        #expect(page.contains("is approaching its 99.0% target"))
        #expect(page.contains("reached its 99.0% target"))
        // Reaching the target is an event of the log, not a condition that holds: not under Active alerts.
        let index = try String(contentsOfFile: folder.path + "/site/index.html", encoding: .utf8)
        #expect(!index.contains("reached its 99.0% target"))
        let again = try CommandRunner.tidemark([
            "record", "--history", folder.path + "/h.sqlite", "--commit", "attrs-10", "--line-target", "99",
            "--alert-log", log,
            "--input", "python=\(corpus.path)/coverage-run10.xml", "--tests", "python=\(corpus.path)/junit-run10.xml",
        ])
        #expect(again.status == 0 && again.stdout.contains("Unchanged"))
        #expect(try Self.kinds(log) == kinds, "a repeated run raises nothing")
    }

    @Test(
        "toolz's interrupted run (JUnit only) is recorded as blocked by 1 collection error with an alert; the next good run clears it",
        .enabled(if: FixturePaths.sharedCorpus != nil, "../shared/corpus is absent: skipped"))
    func toolzBlocked() throws {
        let toolz = try #require(FixturePaths.sharedCorpus).appendingPathComponent("pytest-cov/toolz").path
        let folder = try TemporaryFolder()
        let log = folder.path + "/alerts.jsonl"
        func record(_ coverage: String, _ junit: String) throws -> CommandResult {
            try CommandRunner.tidemark([
                "record", "--history", folder.path + "/h.sqlite", "--alert-log", log, "--commit", junit,
                "--input", "python=\(toolz)/\(coverage)", "--tests", "python=\(toolz)/\(junit)",
            ])
        }
        #expect(try record("coverage-branch.xml", "junit-branch.xml").status == 0)
        let blocked = try record("coverage.xml", "junit-import-error-interrupted.xml")
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("blocked by 1 collection error"))
        #expect(try Self.kinds(log).contains("collection-errors"))
        let list = try CommandRunner.tidemark(["history", "list", "--history", folder.path + "/h.sqlite"])
        #expect(list.stdout.contains("python failed"))
        #expect(!list.stdout.contains("0.0%"))
        #expect(try record("coverage-relative-files.xml", "junit-relative-files.xml").status == 0)
        let kinds = try Self.kinds(log)
        #expect(kinds.contains("collection-errors-cleared"))
        #expect(kinds.contains("measurement-cleared"))
    }

    @Test("The hook gets each alert as JSON on stdin; the log gets one JSON object per line")
    func hookAndLog() throws {
        let folder = try TemporaryFolder()
        let received = folder.path + "/hook.txt"
        let log = folder.path + "/alerts.jsonl"
        let input = FixturePaths.fixture("coverage.py-branches.xml")
        let result = try CommandRunner.tidemark([
            "record", "--history", folder.path + "/h.sqlite", "--line-target", "50", "--alert-log", log,
            "--on-alert", "cat >> '\(received)'", "--input", "python=\(input)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let hookText = try String(contentsOfFile: received, encoding: .utf8)
        let object =
            try JSONSerialization.jsonObject(with: Data(hookText.split(separator: "\n")[0].utf8)) as? [String: Any]
        #expect(object?["kind"] as? String == "target-reached")
        #expect(object?["component"] as? String == "python")
        #expect(try Self.kinds(log) == ["target-reached"])
        #expect(result.stderr.contains("[info] python: line coverage 77.8% reached its 50.0% target"))
    }

    @Test("A hook that hangs is killed after its timeout, the failure is logged, and the run completes")
    func hangingHook() throws {
        let folder = try TemporaryFolder()
        let log = folder.path + "/alerts.jsonl"
        let clock = ContinuousClock()
        var result: CommandResult?
        let elapsed = try clock.measure {
            result = try CommandRunner.tidemark([
                "generate", "--history", folder.path + "/h.sqlite", "--line-target", "50", "--alert-log", log,
                "--on-alert", "sleep 60", "--hook-timeout", "1", "--output", folder.path + "/site",
                "--input", "python=\(FixturePaths.fixture("coverage.py-branches.xml"))",
            ])
        }
        #expect(result?.status == 0)
        #expect(elapsed < .seconds(20))
        #expect(result?.stderr.contains("the alert hook was killed after 1 s") == true)
        #expect(try Self.kinds(log) == ["target-reached", "hook-failed"])
        #expect(FileManager.default.fileExists(atPath: folder.path + "/site/index.html"))
    }

    @Test("In GitHub Actions a drop is also a workflow annotation: % encoded, a colon in the message kept as it is")
    func githubAnnotations() throws {
        let folder = try TemporaryFolder()
        let history = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history").path
        var result: CommandResult?
        for (day, run) in [("01", "06"), ("02", "04")] {
            result = try CommandRunner.tidemark(
                [
                    "record", "--history", folder.path + "/h.sqlite", "--time", "2026-11-\(day)T09:00:00Z",
                    "--input", "python=\(history)/coverage-run\(run).xml",
                ], environment: ["GITHUB_ACTIONS": "true"])
            try #require(result?.status == 0, "\(result?.stderr ?? "")")
        }
        let annotations = (result?.stdout ?? "").split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(
            annotations.contains(
                "::warning title=Tidemark python::line coverage 90.0%25: −8.6 pt since the previous run"),
            "\(annotations)")
    }

    @Test("Gates: the site is written, then the exit code names the gate")
    func gates() throws {
        let folder = try TemporaryFolder()
        let input = "python=\(FixturePaths.fixture("coverage.py-branches.xml"))"
        let line = try CommandRunner.tidemark([
            "generate", "--history", folder.path + "/h.sqlite", "--fail-under-line", "90", "--output",
            folder.path + "/site",
            "--input", input,
        ])
        #expect(line.status == 3)
        #expect(line.stderr.contains("gate: line coverage 77.8% is under --fail-under-line 90.0%"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/site/index.html"))
        let tests = try CommandRunner.tidemark([
            "record", "--history", folder.path + "/h2.sqlite", "--fail-on-test-errors", "--input", input,
            "--tests", "python=\(FixturePaths.fixture("junit-pytest.xml"))",
        ])
        #expect(tests.status == 6)
    }

    @Test("tidemark.toml: components, thresholds; an unknown key is rejected with FILE:LINE")
    func configuration() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write(
            "tidemark.toml",
            """
            history = "h.sqlite"
            alert_log = "alerts.jsonl"

            [defaults]
            line_target = 50

            [components.python]
            coverage = "\(FixturePaths.fixture("coverage.py-*.xml"))"
            """)
        let result = try CommandRunner.tidemark(["record"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/h.sqlite"))
        #expect(try Self.kinds(folder.path + "/alerts.jsonl") == ["target-reached"])
        _ = good
        try folder.write("tidemark.toml", "history = \"h.sqlite\"\n\n[defaults]\nline_target = 50\nline_targte = 60\n")
        let bad = try CommandRunner.tidemark(["record"], in: folder.url)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("tidemark.toml:5: unknown key 'line_targte' in [defaults]"))
        try folder.write("tidemark.toml", "[defaults]\nline_target = 150\n")
        let range = try CommandRunner.tidemark(["record"], in: folder.url)
        #expect(range.stderr.contains("tidemark.toml:2: 'line_target' must be a number from 0 to 100"))
    }

    @Test("status shows coverage against target, change, trend and active alerts, from the history alone")
    func status() throws {
        let folder = try TemporaryFolder()
        let history = folder.path + "/h.sqlite"
        _ = try CommandRunner.tidemark([
            "record", "--history", history, "--line-target", "80", "--line-warning", "70",
            "--input", "python=\(FixturePaths.fixture("coverage.py-branches.xml"))",
        ])
        let text = try CommandRunner.tidemark([
            "status", "--history", history, "--line-target", "80", "--line-warning", "70",
        ])
        #expect(text.status == 0)
        #expect(text.stdout.contains("lines 77.8% / target 80.0%"))
        #expect(text.stdout.contains("line coverage 77.8% is approaching its 80.0% target"))
        let json = try CommandRunner.tidemark(["status", "--history", history, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["components"] as? [[String: Any]])?.first?["name"] as? String == "python")
    }
}
