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

    /// Makes the role `tidemark_password`, which the test clusters ask for its password (scram), and
    /// returns that password. Every test uses the same one, so tests running at once agree.
    public static func passwordRole() throws -> String { try passwordRoleMade.get() }

    /// `passwordRole`'s work, done once per test process. Tests running at once that each altered the
    /// role now and then failed with PostgreSQL's "tuple concurrently updated" (CI, under
    /// ThreadSanitizer); two creating it at once can also meet as a unique violation.
    private static let passwordRoleMade = Result<String, any Error> {
        let password = "right-horse-battery-staple"
        try sql(
            """
            DO $$ BEGIN CREATE ROLE tidemark_password LOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            ALTER ROLE tidemark_password PASSWORD '\(password)'
            """, at: requireURL())
        return password
    }

    /// Runs SQL with psql against `url`; the output (unaligned, tuples only) or a thrown error.
    @discardableResult
    public static func sql(_ statements: String, at url: String) throws -> String {
        let result = Spawn.run([psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", statements])
        guard result.status == 0 else { throw Unavailable(description: "psql: \(result.output)") }
        return result.output
    }
}

/// The two databases a history can live in, for tests that must hold on both.
public enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// SQLite always; PostgreSQL with a server (and always in CI, where a missing one fails).
    public static var available: [Backend] { PostgresServer.isEnabled ? allCases : [.sqlite] }
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
        let pid = String(ProcessInfo.processInfo.processIdentifier)
        let result = Spawn.run(["/bin/bash", script, "start", folder, pid])
        let lines = result.output.split(separator: "\n").map(String.init)
        guard result.status == 0, let url = lines.last(where: { $0.hasPrefix("postgresql://") }) else {
            return .failure(.init(description: result.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let port =
            Int(
                (try? String(contentsOfFile: folder + "/port", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        return .success(Cluster(folder: folder, url: url, port: port))
    }

    /// Runs `pg_ctl` on the cluster (`restart -m fast`, `stop -m immediate`…) as its owner.
    public func control(_ arguments: [String]) -> (status: Int32, output: String) {
        let bin = URL(fileURLWithPath: PostgresServer.psql).deletingLastPathComponent().appendingPathComponent("pg_ctl")
            .path
        let command = [bin, "-D", folder + "/data", "-l", folder + "/server.log", "-w"] + arguments
        return Spawn.run(geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command)
    }

    public func stop() {
        _ = Spawn.run(["/bin/bash", Self.script, "stop", folder])
    }
}

/// A database of its own on the test server. Databases are dropped when the test process ends, not
/// when the value is released: a store opened on one may outlive it (ARC ends a local's life at its
/// last use), and dropping a database in use ends its connections. A cluster this process started
/// goes whole.
public final class TestDatabase: @unchecked Sendable {
    /// `postgresql://…/NAME` of the new database.
    public let url: String
    public let name: String

    /// Creates an empty database on the shared server (or on `serverURL`).
    public init(serverURL: String? = nil) throws {
        let server = try serverURL ?? PostgresServer.requireURL()
        name = "tidemark_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try PostgresServer.sql("CREATE DATABASE \(name)", at: server)
        url = Self.url(server, database: name)
        Self.created.add(name: name, server: server)
    }

    private static let created = Created()

    /// The databases this process made on a server it did not start, dropped at exit.
    private final class Created: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [(name: String, server: String)] = []

        func add(name: String, server: String) {
            lock.lock()
            defer { lock.unlock() }
            if names.isEmpty, ProcessInfo.processInfo.environment["TIDEMARK_TEST_POSTGRES_URL"] != nil {
                atexit { TestDatabase.created.dropAll() }
            }
            names.append((name, server))
        }

        func dropAll() {
            lock.lock()
            let all = names
            names = []
            lock.unlock()
            for (name, server) in all {
                _ = try? PostgresServer.sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", at: server)
            }
        }
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
