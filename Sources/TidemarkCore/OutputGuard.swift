import Foundation
import SiteRenderer

/// Checks, before anything is read or recorded, that writing the site cannot destroy anything:
/// the output folder is a site Tidemark wrote (or empty, or missing), and it neither is nor holds
/// the current folder, the history, the configuration, an input, the templates or the alert log.
enum OutputGuard {
    /// - Throws: `UsageError` saying why the output is refused and what to do instead.
    static func check(_ settings: Settings) throws(UsageError) {
        let output = settings.output
        if case .foreign(let reason) = SiteFolder.verdict(for: output) {
            throw UsageError(
                "--output \(output): refused: \(reason). Tidemark replaces its output folder whole, so writing "
                    + "there would delete what it holds. Give an empty or new folder (e.g. --output public), or "
                    + "empty that folder yourself if it only holds an old report.")
        }
        let site = CanonicalPath.of(SiteFolder.target(of: output))
        let current = CanonicalPath.of(FileManager.default.currentDirectoryPath)
        if CanonicalPath.isSame(current, orInside: site) {
            throw UsageError(
                "--output \(output): refused: it is the current folder or holds it, and every render replaces the "
                    + "output folder whole. Give a folder of its own, e.g. --output public.")
        }
        for (what, path) in protectedPaths(settings) {
            let canonical = CanonicalPath.of(path)
            if CanonicalPath.isSame(canonical, orInside: site) {
                throw UsageError(
                    "--output \(output): refused: it holds \(what) \(path), which every render would delete "
                        + "(the output folder is replaced whole). Keep \(what) outside the site folder.")
            }
        }
    }

    /// Files and folders a render must never delete, with what they are.
    private static func protectedPaths(_ settings: Settings) -> [(String, String)] {
        var paths: [(String, String)] = settings.history.localPath.map { [("the history", $0)] } ?? []
        if let config = settings.configuration.path { paths.append(("the configuration", config)) }
        for value in settings.inputs + settings.tests { paths.append(("the input", NamedPath(value).path)) }
        if let templates = settings.templates { paths.append(("the templates folder", templates)) }
        if let log = settings.flags.alertLog ?? settings.configuration.alertLog { paths.append(("the alert log", log)) }
        return paths
    }
}

/// Absolute paths with `.`, `..` and symbolic links resolved as far as the path exists, so two
/// spellings of one place compare equal before the place exists.
enum CanonicalPath {
    static func of(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while existing.path != "/" {
            if let real = realpath(existing.path, nil) {
                defer { free(real) }
                return rest.reversed().reduce(String(cString: real)) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            rest.append(existing.lastPathComponent)
            existing = existing.deletingLastPathComponent()
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// Whether `path` is `folder` or lies inside it.
    static func isSame(_ path: String, orInside folder: String) -> Bool {
        path == folder || folder == "/" || path.hasPrefix(folder + "/")
    }
}
