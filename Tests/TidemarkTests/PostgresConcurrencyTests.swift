import CoverageModel
import Foundation
import HistoryStore
import TestSupport
import Testing

/// Many CI jobs recording into one PostgreSQL history at once, and a server that goes away under them.
@Suite(.serialized, .enabled(if: PostgresServer.isEnabled, Comment(rawValue: PostgresServer.skipReason)))
struct PostgresConcurrencyTests {
    static let examples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples/python/history").path
    static let projects = ["alpha", "beta", "gamma", "delta"]

    /// `record` of run `index` (1…4) of a project: the example's reports, a commit and a time of their own.
    static func record(_ project: String, _ index: Int, history: String, log: String) -> [String] {
        [
            FixturePaths.tidemarkBinary.path, "record", "--history", history, "--project", project,
            "--commit", "\(project)-\(index)", "--branch", "main", "--time", "2026-11-0\(index)T10:00:00Z",
            "--line-target", "97", "--line-warning", "93", "--alert-log", log,
            "--input", "python=\(examples)/coverage-run0\(index).xml", "--tests",
            "python=\(examples)/junit-run0\(index).xml", "--source-root", "python=\(examples)/..",
        ]
    }

    /// The run id a `record` printed.
    static func recordedID(_ output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("Recorded run ") }?.split(separator: " ").dropFirst(2).first
            .map(String.init)
    }

    @Test(
        "16 record processes across 4 projects at once: exactly 16 runs, each alert once, every project's export equal to SQLite fed the same runs in the same order"
    )
    func sixteenWriters() throws {
        let database = try TestDatabase()
        let folder = try TemporaryFolder()
        let jobs = Self.projects.flatMap { project in (1...4).map { (project, $0) } }
        let children = jobs.compactMap { project, index in
            Spawn.launch(Self.record(project, index, history: database.url, log: "\(folder.path)/\(project)-pg.jsonl"))
        }
        let results = children.map { $0.wait() }
        #expect(children.count == 16)
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.filter { $0.status != 0 }.map(\.output))")
        var job: [String: (String, Int)] = [:]
        for (result, (project, index)) in zip(results, jobs) {
            job[Self.recordedID(result.output) ?? "?"] = (project, index)
        }
        // The order the server recorded them in, project by project.
        let order = try PostgresServer.sql(
            "SELECT p.name || ' ' || r.identity FROM tidemark.runs r JOIN tidemark.projects p ON p.id = r.project_id "
                + "ORDER BY r.id",
            at: database.url
        ).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(order.count == 16)
        let sqlite = folder.path + "/replay.sqlite"
        for entry in order {
            let (project, index) = try #require(job[entry[1]])
            let replay = Spawn.run(
                Self.record(project, index, history: sqlite, log: "\(folder.path)/\(project)-sqlite.jsonl"))
            #expect(replay.status == 0 && Self.recordedID(replay.output) == entry[1], "\(replay.output)")
        }
        for project in Self.projects {
            let server = try HistoryStore(
                location: .postgres(url: database.url), project: .init(name: project, isExplicit: true))
            let file = try HistoryStore(
                location: .sqlite(path: sqlite), project: .init(name: project, isExplicit: true))
            #expect(try server.runs().count == 4)
            let exported = Spawn.run([
                FixturePaths.tidemarkBinary.path, "history", "export", "--history", database.url, "--project", project,
            ])
            let replayed = Spawn.run([
                FixturePaths.tidemarkBinary.path, "history", "export", "--history", sqlite, "--project", project,
            ])
            #expect(exported.status == 0 && exported.output == replayed.output)
            let events = try server.alertEvents()
            #expect(!events.isEmpty)
            #expect(events == (try file.alertEvents()))
            let log = try String(contentsOfFile: "\(folder.path)/\(project)-pg.jsonl", encoding: .utf8).split(
                separator: "\n")
            #expect(log.count == events.count && Set(log).count == log.count, "each alert fired once")
            #expect(
                log.sorted()
                    == (try String(contentsOfFile: "\(folder.path)/\(project)-sqlite.jsonl", encoding: .utf8)).split(
                        separator: "\n"
                    ).sorted())
        }
    }

    @Test(
        "The server restarts in the middle of a record: exit 1 with a clear message, nothing of the run stays, the next record succeeds"
    )
    func restartDuringRecord() throws {
        let folder = try TemporaryFolder()
        let cluster = try Cluster.start(in: folder.path + "/cluster").get()
        defer { cluster.stop() }
        let database = try TestDatabase(serverURL: cluster.url)
        let log = folder.path + "/alerts.jsonl"
        #expect(Spawn.run(Self.record("alpha", 1, history: database.url, log: log)).status == 0)
        let before = try Self.counts(database.url)
        // Another session holds the alert state: the record writes its run, then waits there, in its transaction.
        let holder = Spawn.launch([
            PostgresServer.psql, "-X", "-q", database.url, "-c",
            "BEGIN; LOCK TABLE tidemark.alert_state IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120);",
        ])
        defer {
            if let holder {
                kill(holder.pid, SIGKILL)
                _ = holder.wait()
            }
        }
        #expect(
            Self.eventually {
                (try? Self.count(
                    "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND granted", database.url)) ?? 0
                    > 0
            })
        let record = try #require(Spawn.launch(Self.record("alpha", 2, history: database.url, log: log)))
        #expect(
            Self.eventually {
                (try? Self.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tidemark' AND wait_event_type = "
                        + "'Lock'",
                    database.url)) ?? 0 > 0
            }, "the record waits inside its transaction")
        #expect(cluster.control(["restart", "-m", "fast"]).status == 0)
        let failed = record.wait()
        #expect(failed.status == 1)
        let lines = failed.output.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("the connection to the server was lost"), "\(failed.output)")
        #expect(try Self.counts(database.url) == before, "nothing of the run was kept")
        let next = Spawn.run(Self.record("alpha", 2, history: database.url, log: log))
        #expect(next.status == 0, "\(next.output)")
        #expect(try Self.counts(database.url)[0] == before[0] + 1)
    }

    /// Rows of every table a run writes to.
    static func counts(_ url: String) throws -> [Int] {
        try ["runs", "components", "files", "paths", "line_data", "alert_events"].map { table in
            try count("SELECT count(*) FROM tidemark.\(table)", url)
        }
    }

    static func count(_ query: String, _ url: String) throws -> Int {
        Int(try PostgresServer.sql(query, at: url).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    static func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}
