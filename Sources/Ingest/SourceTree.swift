import Foundation

/// Which regular files exist under a few folders, learned one folder listing at a time.
///
/// A report names thousands of files that live in far fewer folders, so reading each folder once
/// (`readdir`) answers for all its files instead of a `stat` of the whole path per file. Listings
/// are kept only for the life of one value — one resolution of one report — so a file that moved
/// since the last report is looked for afresh. Anything a listing cannot settle (a symbolic link,
/// a file system that does not say what an entry is, a folder that cannot be listed) is answered
/// by `stat`, as before.
final class SourceTree {
    /// What is known of one folder.
    private enum Folder {
        /// The folder is not there (or is not a folder): nothing below it exists.
        case missing
        /// Entry names with their `d_type`.
        case listed([String: UInt8])
        /// Listing it failed or would take too long: each file is looked up with `stat`.
        case unlisted
    }

    /// Folders holding more entries than this are not listed: a report naming a few files of a huge
    /// folder asks `stat` for those few.
    static let listingLimit = 1 << 16

    private var folders: [String: Folder] = [:]
    /// The folder asked about last: files come grouped by folder, so most asks skip the table.
    private var lastPath = ""
    private var last: Folder?

    /// Whether `folder/name` is a regular file (after following symbolic links), as `stat` says.
    func isRegularFile(folder: String, name: Substring) -> Bool {
        let known: Folder
        if let last, lastPath == folder {
            known = last
        } else if let cached = folders[folder] {
            known = cached
        } else {
            known = Self.list(folder)
            folders[folder] = known
        }
        lastPath = folder
        last = known
        switch known {
        case .missing: return false
        case .unlisted: return Self.stat(folder, name)
        case .listed(let entries):
            guard let type = entries[String(name)] else { return false }
            switch Int32(type) {
            case Int32(DT_REG): return true
            case Int32(DT_LNK), Int32(DT_UNKNOWN): return Self.stat(folder, name)
            default: return false
            }
        }
    }

    private static func stat(_ folder: String, _ name: Substring) -> Bool {
        SourcePathResolver.isRegularFile(folder == "/" ? "/" + name : folder + "/" + name)
    }

    private static func list(_ path: String) -> Folder {
        guard let directory = opendir(path) else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .unlisted
        }
        defer { closedir(directory) }
        var entries: [String: UInt8] = Dictionary(minimumCapacity: 32)
        while true {
            errno = 0
            guard let entry = readdir(directory) else { break }
            guard entries.count < listingLimit else { return .unlisted }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { bytes in
                bytes.baseAddress.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? ""
            }
            entries[name] = entry.pointee.d_type
        }
        // readdir ends with NULL on an error too: a partial listing would hide files.
        return errno == 0 ? .listed(entries) : .unlisted
    }
}
