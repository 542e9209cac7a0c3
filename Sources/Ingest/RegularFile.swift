import Foundation

/// Opens inputs so that nothing but a regular file is ever read: a FIFO would block until some
/// writer appeared (forever, while the run holds its locks), a device or socket is not a report.
///
/// The file is opened without blocking and checked on the open descriptor (`fstat`), so it cannot
/// be swapped for something else between the check and the read.
enum RegularFile {
    /// A read-only descriptor of the regular file at `path`; the caller closes it.
    /// - Throws: `IngestError.unreadableFile` saying what the path is when it is not a regular file.
    static func openForReading(_ path: String) throws(IngestError) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw .unreadableFile(path: path, reason: reason)
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .unreadableFile(path: path, reason: reason)
        }
        if let kind = Self.kind(status.st_mode) {
            close(fd)
            throw .unreadableFile(
                path: path,
                reason: kind == "a folder"
                    ? "it is a folder"
                    : "it is \(kind), not a regular file; "
                        + "give the path of a report file (reading from a pipe is not supported)")
        }
        // Reads of a regular file never block; the flag only mattered for opening a FIFO.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Closes a descriptor from `openForReading` that was not handed on.
    static func close(_ fd: Int32) { _ = Foundation.close(fd) }

    /// What a file that is not regular is, or `nil` for a regular file.
    private static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
