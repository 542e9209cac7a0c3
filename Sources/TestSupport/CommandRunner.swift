import Foundation

/// Runs a real process and collects what it printed, for end-to-end tests of the built binary.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum CommandRunner {
    /// Runs `executable` with `arguments` in `directory`; environment additions override the parent's.
    /// A process still running after `timeout` seconds is killed (status 128 + SIGKILL), so a test of
    /// something that must not block fails instead of hanging.
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        timeout: TimeInterval? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Output goes to files, not pipes: another process started at the same moment (a `watch`
        // under test, the PostgreSQL cluster's watcher) can inherit a pipe's write end and hold it
        // open, and reading to the end of the pipe then waits for that process instead of this one.
        let out = try OutputFile()
        let err = try OutputFile()
        process.standardOutput = out.handle
        process.standardError = err.handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [process] in
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        let status = exitStatus(of: process)
        return CommandResult(status: status, stdout: out.text(), stderr: err.text())
    }

    /// A temporary file a child writes its output into; removed once read.
    private final class OutputFile {
        let path: String
        let handle: FileHandle

        init() throws {
            var template = Array((NSTemporaryDirectory() + "/tidemark-output-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            // Close-on-exec, so only this child gets it (Foundation dup2s it onto its stdout or stderr).
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }

        /// What was written, read after the child ended; the file is closed here, since Foundation may
        /// keep the `Process` (and with it this handle) for as long as the test process runs.
        func text() -> String {
            defer { try? handle.close() }
            let data = FileManager.default.contents(atPath: path) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }

        deinit { unlink(path) }
    }

    /// Waits for `process` to end. Foundation's `waitUntilExit` can miss a child's SIGCHLD and then
    /// waits forever beside a zombie (seen once in a full CI run, and again under ThreadSanitizer with
    /// four `generate` processes ending at once), so the child is also watched with
    /// `waitid(WNOWAIT)`, which sees its exit without reaping it from under Foundation. Every test
    /// that starts a `Process` waits for it here.
    /// - Returns: the exit code, or the number of the signal that ended it.
    public static func exitStatus(of process: Process) -> Int32 {
        let pid = process.processIdentifier
        while process.isRunning {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid
            {
                // The exit code, or the signal number, as Foundation's terminationStatus gives them.
                return info._sifields._sigchld.si_status
            }
            usleep(2_000)
        }
        return process.terminationStatus
    }

    /// Whether `tidemarkWithoutPrivileges` can run: as root only through `setpriv`.
    public static var canDropPrivileges: Bool {
        geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv.path)
    }

    private static let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")

    /// Runs the built `tidemark` as a user that file permissions apply to: root ignores them, so as
    /// root it runs as `nobody` through `setpriv`; anyone else runs it as themselves.
    public static func tidemarkWithoutPrivileges(_ arguments: [String], in directory: URL? = nil) throws
        -> CommandResult
    {
        guard geteuid() == 0 else { return try tidemark(arguments, in: directory) }
        return try run(
            setpriv,
            ["--reuid=65534", "--regid=65534", "--clear-groups", "--", FixturePaths.tidemarkBinary.path] + arguments,
            in: directory)
    }

    /// Runs the built `tidemark`.
    public static func tidemark(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        timeout: TimeInterval? = nil
    ) throws -> CommandResult {
        try run(FixturePaths.tidemarkBinary, arguments, in: directory, environment: environment, timeout: timeout)
    }
}
