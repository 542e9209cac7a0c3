import Foundation

struct InputWatcher {
    enum Verdict: Equatable {
        case unchanged, changed
        case missing(String)
        case settling(String)
    }

    private struct Stamp: Equatable {
        let size: Int64
        let modified: Int64
    }

    private var recorded: [String: Stamp] = [:]
    private var seen: [String: Stamp] = [:]
    private var candidate: [String: Stamp] = [:]

    mutating func check(_ paths: [String]) -> Verdict {
        var now: [String: Stamp] = [:]
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A coverage file may be missing because tests were blocked: let the run decide.
                continue
            }
            now[path] = Stamp(
                size: Int64(info.st_size),
                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
        if now.isEmpty, let first = paths.first { return .missing(first) }
        defer { seen = now }
        if now == recorded { return .unchanged }
        // Changed since the previous look, or modified in the last two seconds: the writer may not be
        // done; look again next tick. (A file untouched for longer is recorded at once, even on the first tick.)
        let fresh = Int64(Date().timeIntervalSince1970 * 1_000_000_000) - 2_000_000_000
        if (!seen.isEmpty && now != seen) || now.values.contains(where: { $0.modified > fresh }) {
            let moving = now.keys.sorted().first { seen[$0] != now[$0] } ?? now.keys.sorted()[0]
            return .settling(moving)
        }
        candidate = now
        return .changed
    }

    /// A run was recorded whose site is not written yet.
    private(set) var needsRender = false

    /// The inputs of the last `.changed` verdict were recorded (or found identical to the history).
    mutating func commit(needsRender: Bool) {
        recorded = candidate
        self.needsRender = needsRender
    }

    /// The site of the recorded run was written.
    mutating func rendered() { needsRender = false }
}
