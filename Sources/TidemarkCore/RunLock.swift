import Foundation

/// An exclusive lock on the history and the output folder, so overlapping runs (cron + watch + CI)
/// never interleave. Advisory `flock(2)` on small lock files beside them; the kernel releases it
/// when the process ends, even when killed, so a crash never leaves a stale lock.
public final class RunLock {
    private var descriptors: [Int32] = []

    /// How to behave when another run holds the lock.
    public struct Policy: Sendable {
        /// Seconds to wait before giving up (exit 7).
        public var timeout: TimeInterval = 600
        /// Skip at once with a message (exit 0) instead of waiting.
        public var skipIfBusy = false

        /// The timeouts accepted: from not waiting at all to a day.
        public static let timeoutRange: ClosedRange<TimeInterval> = 0...86_400

        public init(timeout: TimeInterval = 600, skipIfBusy: Bool = false) {
            self.timeout = timeout
            self.skipIfBusy = skipIfBusy
        }
    }

    /// Locks every path's lock file, in sorted order so two runs never deadlock.
    /// - Returns: `nil` when skipped because another run holds a lock.
    static func acquire(for paths: [String], policy: Policy, console: Console) throws(CommandExit) -> RunLock? {
        let lock = RunLock()
        for path in Set(paths.map(lockPath)).sorted() {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let fd = openLockFile(path)
            // A folder nobody here can write to (a read-only history) holds no lock file to take;
            // a writer would have to create one there first, and this process only reads there.
            if fd == -2 { continue }
            guard fd >= 0 else {
                console.error("\(path): cannot open the lock file: \(String(cString: strerror(errno)))")
                throw CommandExit(.inputError)
            }
            lock.descriptors.append(fd)
            let deadline = Date().addingTimeInterval(policy.timeout)
            var announced = false
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                if policy.skipIfBusy {
                    console.info("Skipped: another tidemark run holds \(path).")
                    return nil
                }
                if Date() >= deadline {
                    console.error("\(path): another tidemark run held the lock for \(Int(policy.timeout)) s; giving up")
                    throw CommandExit(.busy)
                }
                if !announced {
                    console.error("waiting for another tidemark run to finish (\(path))")
                    announced = true
                }
                usleep(100_000)
            }
        }
        return lock
    }

    /// The lock file's descriptor; an existing one is opened read-only when it cannot be written
    /// (`flock` works either way); -2 when it does not exist and its folder is read-only; -1 otherwise.
    private static func openLockFile(_ path: String) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd < 0, errno == EACCES || errno == EROFS || errno == EPERM else { return fd }
        let readOnly = open(path, O_RDONLY | O_CLOEXEC)
        if readOnly < 0, errno == ENOENT { return -2 }
        return readOnly
    }

    /// `.tidemark/history.sqlite` → `.tidemark/history.sqlite.lock`; `public` → `.public.lock` beside it.
    static func lockPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if path.hasSuffix(".sqlite") || path.hasSuffix(".db") { return url.path + ".lock" }
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
    }

    deinit {
        for fd in descriptors {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
