import Foundation

/// Runs a program with posix_spawn and waits for it with waitpid.
///
/// Foundation's `Process` learns that a child ended from SIGCHLD, which a thread of the test runner
/// that does not block it can swallow: the first process a test bundle launched from a trait or a
/// `static let` waited forever on its zombie. Waiting for the pid directly cannot miss it.
public enum Spawn {
    /// The program's status and what it wrote on stdout and stderr together.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil
    ) -> (status: Int32, output: String) {
        guard let child = launch(arguments, environment: environment, in: directory) else {
            return (-1, "cannot run \(arguments.first ?? "nothing")")
        }
        return child.wait()
    }

    /// A running child: its pid and the read end of its output.
    public struct Child: Sendable {
        public let pid: pid_t
        let output: Int32

        /// Reads the output to its end, then waits for the child.
        public func wait() -> (status: Int32, output: String) {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(output, &buffer, buffer.count)
                if count > 0 {
                    bytes += buffer[0..<count]
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(output)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return (exitStatus, String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Starts a program with stdin from /dev/null and stdout and stderr into one pipe; nil when it
    /// cannot be started. Call `wait()` on the result.
    public static func launch(
        _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil
    ) -> Child? {
        var pipe: [Int32] = [0, 0]
        // Close-on-exec: another child started at this moment must not inherit the write end and keep
        // `wait()` reading (the child gets it through the dup2 actions below, which clear the flag).
        guard !arguments.isEmpty, Glibc.pipe(&pipe) == 0 else { return nil }
        for descriptor in pipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        // Glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift: a shell changes folder.
        let arguments = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0] + arguments } ?? arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup($0) } + [nil]
        defer { for pointer in cArguments + cEnvironment { free(pointer) } }
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, cArguments, cEnvironment)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            return nil
        }
        return Child(pid: pid, output: pipe[0])
    }
}
