import CoverageModel
import Formatting
import Foundation

/// Sends alerts where the user asked: stderr (coloured on a terminal unless `NO_COLOR`), an
/// append-only JSON Lines log, a hook command with a timeout, and GitHub Actions annotations.
/// A failing or hanging hook is logged and never blocks the run.
struct AlertDispatcher: Sendable {
    var logPath: String?
    var hook: String?
    var hookTimeout: TimeInterval = 10
    var environment = ProcessInfo.processInfo.environment

    func dispatch(_ alerts: [Alert], console: Console) {
        guard !alerts.isEmpty else { return }
        let color = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil
        for alert in alerts {
            console.error(Self.line(alert, color: color))
            if environment["GITHUB_ACTIONS"] == "true", alert.severity != .info {
                let level = alert.severity == .error ? "error" : "warning"
                let title = PlainTextEscaping.workflowProperty("Tidemark " + alert.component)
                print("::\(level) title=\(title)::\(PlainTextEscaping.workflowData(alert.message))")
            }
        }
        if let logPath { append(alerts.map(Self.json), to: logPath, console: console) }
        if let hook {
            for alert in alerts { run(hook, input: Self.json(alert), console: console) }
        }
    }

    /// `tidemark: [warning] python: line coverage dropped …`
    static func line(_ alert: Alert, color: Bool) -> String {
        let label = "[\(alert.severity.rawValue)]"
        let painted: String
        switch (color, alert.severity) {
        case (true, .error): painted = "\u{1B}[31m\(label)\u{1B}[0m"
        case (true, .warning): painted = "\u{1B}[33m\(label)\u{1B}[0m"
        case (true, .info): painted = "\u{1B}[32m\(label)\u{1B}[0m"
        default: painted = label
        }
        return "\(painted) \(alert.component): \(alert.message)"
    }

    /// One alert as a JSON object: `{"time", "run", "component", "kind", "severity", "message"}`.
    static func json(_ alert: Alert) -> String {
        JSONText.object([
            ("time", JSONText.string(ISO8601.string(from: alert.time))), ("run", JSONText.string(alert.runID)),
            ("component", JSONText.string(alert.component)), ("kind", JSONText.string(alert.kind.rawValue)),
            ("severity", JSONText.string(alert.severity.rawValue)), ("message", JSONText.string(alert.message)),
        ])
    }

    private func append(_ lines: [String], to path: String, console: Console) {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_APPEND: concurrent writers' lines never interleave within a line.
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else {
            console.error("\(path): cannot append to the alert log: \(String(cString: strerror(errno)))")
            return
        }
        defer { close(fd) }
        let data = Data(lines.map { $0 + "\n" }.joined().utf8)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != data.count { console.error("\(path): the alert log write was incomplete") }
    }

    /// Runs the hook with `input` on stdin; kills it (and its children) after the timeout.
    private func run(_ command: String, input: String, console: Console) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            note(console, "the alert hook could not start: \(error.localizedDescription)")
            return
        }
        setpgid(process.processIdentifier, process.processIdentifier)
        stdin.fileHandleForWriting.write(Data((input + "\n").utf8))
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(hookTimeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(-process.processIdentifier, SIGKILL)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            note(console, "the alert hook was killed after \(Self.seconds(hookTimeout)) s: \(command)")
            return
        }
        if process.terminationStatus != 0 {
            note(console, "the alert hook exited with status \(process.terminationStatus): \(command)")
        }
    }

    private func note(_ console: Console, _ message: String) {
        console.error(message)
        if let logPath {
            append(
                [JSONText.object([("kind", JSONText.string("hook-failed")), ("message", JSONText.string(message))])],
                to: logPath, console: console)
        }
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
