import Foundation

/// Which file an open descriptor reads, and its size and change time when it was opened: the two
/// parts of a split parse open the report separately, and their files are taken together only when
/// both read this same file. A producer that writes its report to a new file and renames it over the
/// old one (as a cron job's may, while Tidemark reads) would otherwise give one part of each.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: timespec

    /// The identity of the file `fd` reads, or `nil` when `fstat` fails.
    init?(of fd: Int32) {
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = status.st_mtim
    }

    static func == (left: FileIdentity, right: FileIdentity) -> Bool {
        left.device == right.device && left.inode == right.inode && left.size == right.size
            && left.modified.tv_sec == right.modified.tv_sec && left.modified.tv_nsec == right.modified.tv_nsec
    }
}
