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

    private final class Work: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
