import Foundation

/// What Tidemark may do with an output folder. A site folder carries a marker file, so Tidemark
/// only ever replaces a folder it wrote itself (or an empty or missing one), never a project folder
/// given by mistake.
public enum SiteFolder {
    /// The marker written into every site.
    public static let markerName = ".tidemark-site"
    static let markerText = "This folder is a site written by Tidemark. Each render replaces the whole folder.\n"

    /// Whether a folder may be replaced by a new site.
    public enum Verdict: Equatable, Sendable {
        /// Missing, or an empty folder: a new site goes there.
        case new
        /// A site Tidemark wrote (it has the marker, or the manifest of earlier versions).
        case site
        /// Something else is there; `reason` says what.
        case foreign(reason: String)
    }

    /// Looks at `path` (after following a symbolic link) without changing anything.
    public static func verdict(for path: String) -> Verdict {
        let resolved = target(of: path)
        var info = stat()
        guard lstat(resolved, &info) == 0 else { return .new }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            return .foreign(reason: "it is a file, not a folder")
        }
        if access(resolved + "/" + markerName, F_OK) == 0 || access(resolved + "/" + SiteWriter.manifestName, F_OK) == 0
        {
            return .site
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: resolved) else {
            return .foreign(reason: "its contents cannot be listed")
        }
        if entries.isEmpty { return .new }
        let shown = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
        return .foreign(
            reason:
                "it holds \(entries.count) item(s) (\(shown)) and no \(markerName) file, so Tidemark did not write it")
    }

    /// The folder a site at `path` is written to: `path` itself, or the folder a symbolic link at
    /// `path` points to (the link stays; its target is updated).
    public static func target(of path: String) -> String {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        var info = stat()
        guard lstat(standardized, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return standardized }
        if let real = realpath(standardized, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        // A dangling link: its target, relative to the link's folder, is where the site goes.
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: standardized) else {
            return standardized
        }
        let base = URL(fileURLWithPath: standardized).deletingLastPathComponent()
        return URL(fileURLWithPath: destination, relativeTo: base).standardizedFileURL.path
    }

    /// Removes staging and retired folders that renders of the site at `target` left behind when they
    /// were killed (`.NAME.tidemark-new-PID`, `.NAME.tidemark-old-PID` beside it, of processes that no
    /// longer run). Only folders of exactly that form are touched.
    static func removeLeftovers(beside target: URL, keeping ownPID: Int32) {
        let parent = target.deletingLastPathComponent()
        let prefixes = [".\(target.lastPathComponent).tidemark-new-", ".\(target.lastPathComponent).tidemark-old-"]
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            guard let prefix = prefixes.first(where: { entry.hasPrefix($0) }),
                let pid = Int32(entry.dropFirst(prefix.count)), pid > 0, pid != ownPID, !isRunningTidemark(pid)
            else { continue }
            let path = parent.appendingPathComponent(entry).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Whether `pid` is a live process that may be a Tidemark render (its command names tidemark, or
    /// it cannot be told).
    private static func isRunningTidemark(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return true }
        return String(decoding: command, as: UTF8.self).contains("tidemark")
    }
}
