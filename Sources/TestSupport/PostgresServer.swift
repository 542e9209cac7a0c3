import Foundation

/// A PostgreSQL server for tests: the one `.ci/run` started (`TIDEMARK_TEST_POSTGRES_URL`), else a
/// throwaway cluster this test process starts once (`Scripts/postgres-cluster.sh`), which stops
/// when the process ends. Each test makes databases of its own on it.
public enum PostgresServer {
    /// The server's URL (a superuser, trust authentication), or why there is none.
    public static let url: Result<String, Unavailable> = start()

    /// Why no server could be had.
    public struct Unavailable: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Whether PostgreSQL tests run: with a server, and in CI always (without one they fail there
    /// with the reason instead of being skipped).
    public static var isEnabled: Bool {
        if case .success = url { return true }
        return isCI
    }

    /// The line a skipped test shows.
    public static var skipReason: String {
        if case .failure(let reason) = url { return "no PostgreSQL server could be started: \(reason)" }
        return ""
    }

    static var isCI: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] != nil || environment["TIDEMARK_TEST_POSTGRES_URL"] != nil
    }

    /// The server's URL, or the reason as a thrown error (a test that needs it fails with it).
    public static func requireURL() throws -> String { try url.get() }

    private static func start() -> Result<String, Unavailable> {
        if let given = ProcessInfo.processInfo.environment["TIDEMARK_TEST_POSTGRES_URL"], !given.isEmpty {
            return .success(given)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tidemark-pg-\(ProcessInfo.processInfo.processIdentifier)")
        switch Cluster.start(in: folder.path) {
        case .success(let cluster): return .success(cluster.url)
        case .failure(let error): return .failure(error)
        }
    }

    /// psql, from the server's bin folder or the PATH.
    public static var psql: String {
        let versioned = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().last
            .map { "/usr/lib/postgresql/\($0)/bin/psql" }
        if let versioned, FileManager.default.isExecutableFile(atPath: versioned) { return versioned }
        return "/usr/bin/psql"
    }

    /// Runs SQL with psql against `url`; the output (unaligned, tuples only) or a thrown error.
    @discardableResult
    public static func sql(_ statements: String, at url: String) throws -> String {
        let result = try CommandRunner.run(
            URL(fileURLWithPath: psql), ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", statements])
        guard result.status == 0 else { throw Unavailable(description: "psql: \(result.stderr)") }
        return result.stdout
    }
}

/// A cluster of `Scripts/postgres-cluster.sh` in a folder of its own.
public final class Cluster: @unchecked Sendable {
    public let folder: String
    public let url: String
    public let port: Int

    private init(folder: String, url: String, port: Int) {
        self.folder = folder
        self.url = url
        self.port = port
    }

    static let script = FixturePaths.packageRoot.appendingPathComponent("Scripts/postgres-cluster.sh").path

    /// Starts a cluster in `folder` that stops when this process ends (or with `stop()`).
    public static func start(in folder: String) -> Result<Cluster, PostgresServer.Unavailable> {
        do {
            let pid = String(ProcessInfo.processInfo.processIdentifier)
            let result = try CommandRunner.run(
                URL(fileURLWithPath: "/bin/bash"), [script, "start", folder, pid], timeout: 120)
            guard result.status == 0 else {
                return .failure(.init(description: result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            let url = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let port = Int((try? String(contentsOfFile: folder + "/port", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
            return .success(Cluster(folder: folder, url: url, port: port))
        } catch {
            return .failure(.init(description: "\(error)"))
        }
    }

    /// Runs `pg_ctl` on the cluster (`restart -m fast`, `stop -m immediate`…) as its owner.
    public func control(_ arguments: [String]) throws -> CommandResult {
        let bin = URL(fileURLWithPath: PostgresServer.psql).deletingLastPathComponent().appendingPathComponent("pg_ctl").path
        let command = [bin, "-D", folder + "/data", "-l", folder + "/server.log", "-w"] + arguments
        if geteuid() == 0 {
            return try CommandRunner.run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--"] + command, timeout: 120)
        }
        return try CommandRunner.run(URL(fileURLWithPath: bin), Array(command.dropFirst()), timeout: 120)
    }

    public func stop() {
        _ = try? CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), [Self.script, "stop", folder], timeout: 120)
    }
}

/// A database of its own on the test server, dropped when the value is released.
public final class TestDatabase: @unchecked Sendable {
    /// `postgresql://…/NAME` of the new database.
    public let url: String
    public let name: String
    private let serverURL: String

    /// Creates an empty database on the shared server (or on `serverURL`).
    public init(serverURL: String? = nil) throws {
        let server = try serverURL ?? PostgresServer.requireURL()
        self.serverURL = server
        name = "tidemark_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try PostgresServer.sql("CREATE DATABASE \(name)", at: server)
        url = Self.url(server, database: name)
    }

    deinit {
        _ = try? PostgresServer.sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", at: serverURL)
    }

    /// `url` with its database (the path) replaced by `database`, keeping the query.
    public static func url(_ url: String, database: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let queryStart = afterScheme.firstIndex(of: "?") ?? afterScheme.endIndex
        let authorityEnd = afterScheme[..<queryStart].firstIndex(of: "/") ?? queryStart
        return String(url[..<authorityEnd]) + "/" + database + String(afterScheme[queryStart...])
    }
}
