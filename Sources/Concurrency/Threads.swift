import CShims
import Foundation

/// Threads that start on an idle core (`tidemark_start_thread_elsewhere`), not queued behind their
/// creator on its own.
public enum Threads {
    /// Runs `work` on a new detached thread, begun on another CPU than this one when there is one.
    public static func detach(_ work: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Work(work)).toOpaque()
        let failed = tidemark_start_thread_elsewhere(
            { context in
                guard let context else { return }
                Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run()
            }, box)
        guard failed != 0 else { return }
        // pthread_create failed (no memory for a stack?): Foundation's thread, as before.
        Unmanaged<Work>.fromOpaque(box).release()
        Thread.detachNewThread(work)
    }

    /// Runs `work(0)` … `work(count - 1)`, each on a thread of its own (the caller's for the first),
    /// and returns when all have ended: for work that mostly waits (on a disk), where a pool as wide
    /// as the cores would wait in turn.
    public static func perform(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { work(0) }
            return
        }
        let group = DispatchGroup()
        for index in 1..<count {
            group.enter()
            detach {
                work(index)
                group.leave()
            }
        }
        work(0)
        group.wait()
    }

    private final class Work: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
