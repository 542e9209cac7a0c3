import CoverageModel
import Foundation
import TestSupport
import Testing

@testable import HistoryStore

/// `history import` refuses a file whose runs could not be true, naming the first bad run's line.
struct ImportRulesTests {
    /// One exported run of real fixture reports, as a JSON object.
    static func exportedRun() throws -> [String: Any] {
        let folder = try TemporaryFolder()
        let store = try HistoryStore(path: folder.path + "/h.sqlite")
        _ = try store.record(try HistoryStoreTests.run())
        let line = HistoryExchange.export(try store.runs(includingFiles: true))
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func text(_ run: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: run, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Changes the python component (the second, by name) of a run.
    static func changingPython(_ run: [String: Any], _ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var run = run
        var components = run["components"] as? [[String: Any]] ?? []
        let index = components.firstIndex { $0["name"] as? String == "python" } ?? 0
        change(&components[index])
        run["components"] = components
        return run
    }

    static let breakages: [(String, @Sendable (inout [String: Any]) -> Void)] = [
        ("linesCovered 200 is more than linesValid", { $0["linesCovered"] = 200 }),
        ("linesValid -6 is not a count", { $0["linesValid"] = -6 }),
        ("branchesCovered 9 is more than branchesValid 8", { $0["branchesCovered"] = 9 }),
        (
            "differ from the sum of its files",
            {
                $0["linesValid"] = 600
                $0["linesCovered"] = 500
            }
        ),
        (
            "is more than linesValid",
            { component in
                var files = component["files"] as? [[String: Any]] ?? []
                files[0]["linesCovered"] = 1_000
                component["files"] = files
            }
        ),
        (
            "test counts must be",
            { component in
                var tests = component["tests"] as? [String: Any] ?? [:]
                tests["passed"] = 99
                component["tests"] = tests
            }
        ),
        ("component name", { $0["name"] = "../../etc" }),
        (
            "a failed measurement has no counts",
            {
                $0["status"] = "failed"
                $0["reason"] = "x"
            }
        ),
    ]

    @Test(
        "Impossible counts, totals that are not the sum of the files and bad names are refused with the run's line",
        arguments: 0..<breakages.count)
    func refusesImpossibleRuns(_ index: Int) throws {
        let good = try Self.exportedRun()
        var second = good
        second["id"] = "another-run"
        let bad = Self.changingPython(second, Self.breakages[index].1)
        let text = try Self.text(good) + "\n\n" + Self.text(bad) + "\n"
        do {
            _ = try HistoryExchange.parse(text, path: "x.jsonl")
            Issue.record("accepted: \(Self.breakages[index].0)")
        } catch {
            guard case .invalidImport(let path, let line, let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(path == "x.jsonl" && line == 3)
            #expect(message.contains(Self.breakages[index].0), "\(message)")
            #expect(error.description.hasSuffix("nothing was imported"))
        }
    }

    @Test(
        "Times outside 1970…9999 or that do not exist, and a run given twice, are refused",
        arguments: [
            ("-2000-01-01T00:00:00Z", "is not ISO 8601"), ("0026-11-30T00:00:00Z", "outside 1970…9999"),
            ("12026-01-01T00:00:00Z", "is not ISO 8601"), ("2024-02-30T00:00:00Z", "is not ISO 8601"),
        ])
    func refusesTimes(_ time: String, _ reason: String) throws {
        var run = try Self.exportedRun()
        run["time"] = time
        let text = try Self.text(run)
        #expect(throws: HistoryError.self) { try HistoryExchange.parse(text, path: "x.jsonl") }
        do {
            _ = try HistoryExchange.parse(text, path: "x.jsonl")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test("The same run twice in one file is refused at its second line")
    func refusesDuplicates() throws {
        let line = try Self.text(try Self.exportedRun())
        #expect(throws: HistoryError.self) { try HistoryExchange.parse(line + "\n" + line + "\n", path: "x.jsonl") }
        do {
            _ = try HistoryExchange.parse(line + "\n" + line + "\n", path: "x.jsonl")
        } catch {
            guard case .invalidImport(_, let number, let message) = error else { return }
            #expect(number == 2 && message.contains("appears twice"))
        }
    }

    @Test("An export of real runs passes every rule, and so does a run of summaries without files")
    func acceptsRealRuns() throws {
        let run = try Self.exportedRun()
        #expect(try HistoryExchange.parse(try Self.text(run), path: "x.jsonl").count == 1)
        let summary = Self.changingPython(run) { $0["files"] = [[String: Any]]() }
        let parsed = try HistoryExchange.parse(try Self.text(summary), path: "x.jsonl")
        #expect(parsed[0].component(named: "python")?.files.isEmpty == true)
        #expect(parsed[0].component(named: "python")?.counts.linesValid ?? 0 > 0)
    }
}
