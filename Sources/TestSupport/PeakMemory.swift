import Foundation

/// How a process ended and the most memory it held, for tests that bound a command's memory.
public struct PeakMemoryResult: Sendable {
    public let status: Int32
    /// The process's peak resident set, in bytes.
    public let peakBytes: Int
}

extension CommandRunner {
    /// Runs `executable` with output discarded and measures its peak resident memory.
    ///
    /// A small Python process starts it and reads its `ru_maxrss`: spawned straight from the test
    /// runner, the child's peak would include the runner's own memory (posix_spawn shares the
    /// parent's address space until exec, and `ru_maxrss` keeps that peak).
    public static func peakMemory(_ executable: URL, _ arguments: [String]) throws -> PeakMemoryResult {
        let script = """
            import resource, subprocess, sys
            done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, \
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            code = done.returncode if done.returncode >= 0 else 128 - done.returncode
            print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, executable.path] + arguments)
        let fields = result.stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard result.status == 0, fields.count == 2 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "peak memory not measured: \(result.stderr)"])
        }
        return PeakMemoryResult(status: Int32(fields[0]), peakBytes: fields[1] * 1024)
    }
}
