import Foundation

extension Pipe {
    /// The pipe with both ends close-on-exec. Foundation makes them inheritable, so any process a
    /// concurrent test starts meanwhile (a `watch`, a server) would keep the write end open, and a
    /// reader waiting for the end of the output would wait for that process. The child this pipe is
    /// for still gets it: `Process` dup2s it onto the child's standard streams, which clears the flag.
    public func closingOnExec() -> Pipe {
        for descriptor in [fileHandleForReading.fileDescriptor, fileHandleForWriting.fileDescriptor] {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return self
    }
}
