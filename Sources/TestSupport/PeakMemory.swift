import Foundation

/// How a process ended and the most memory it held, for tests that bound a command's memory.
public struct PeakMemoryResult: Sendable {
    public let status: Int32
    /// The process's peak resident set, in bytes (`ru_maxrss` of `wait4`: this child alone).
    public let peakBytes: Int
}

extension CommandRunner {
    /// Runs `executable` with output discarded and measures its peak resident memory.
    public static func peakMemory(_ executable: URL, _ arguments: [String]) throws -> PeakMemoryResult {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(spawned))])
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        // WEXITSTATUS / WTERMSIG by hand: the C macros are not imported.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return PeakMemoryResult(status: code, peakBytes: usage.ru_maxrss * 1024)
    }
}
