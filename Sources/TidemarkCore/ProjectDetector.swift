import Foundation
import HistoryStore

/// The project a command is for when none is named: the repository's name from CI's variables or
/// from the `origin` remote (what `git remote get-url origin` prints, read from the checkout's git
/// config rather than by running git, which may hang on a network file system and is not run when
/// `--commit` and `--branch` are given), else the current folder's name.
enum ProjectDetector {
    static func detect(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        folder: String = FileManager.default.currentDirectoryPath
    ) -> String {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        // GitHub Actions: OWNER/REPO; GitLab CI: the project's path name.
        if let repository = value("GITHUB_REPOSITORY") { return ProjectChoice.sanitized(repositoryName(repository)) }
        if let name = value("CI_PROJECT_NAME") { return ProjectChoice.sanitized(name) }
        if let remote = originURL(from: folder) { return ProjectChoice.sanitized(repositoryName(remote)) }
        return ProjectChoice.sanitized(URL(fileURLWithPath: folder).lastPathComponent)
    }

    /// `git@host:team/name.git`, `https://host/team/name.git/`, `/srv/git/name` → `name`.
    static func repositoryName(_ remote: String) -> String {
        var text = Substring(remote.trimmingCharacters(in: .whitespacesAndNewlines))
        while text.hasSuffix("/") { text = text.dropLast() }
        if text.hasSuffix(".git") { text = text.dropLast(4) }
        let name = text.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == "\\" }).last.map(String.init)
        return name ?? String(text)
    }

    /// The `url` of `[remote "origin"]` in the git config of the checkout holding `folder`: `.git` is
    /// a folder, or a file naming the folder of a worktree, whose `commondir` holds the config.
    static func originURL(from folder: String) -> String? {
        var directory = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let dotGit = directory.appendingPathComponent(".git").path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit, isDirectory: &isFolder) {
                return gitDirectory(dotGit, isFolder: isFolder.boolValue).flatMap {
                    originURL(inConfig: $0 + "/config")
                }
            }
            if directory.path == "/" { return nil }
            directory.deleteLastPathComponent()
        }
    }

    private static func gitDirectory(_ dotGit: String, isFolder: Bool) -> String? {
        if isFolder { return dotGit }
        guard let text = try? String(contentsOfFile: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else {
            return nil
        }
        var gitdir = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        if !gitdir.hasPrefix("/") {
            gitdir = URL(fileURLWithPath: dotGit).deletingLastPathComponent().path + "/" + gitdir
        }
        if let common = try? String(contentsOfFile: gitdir + "/commondir", encoding: .utf8) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            return path.hasPrefix("/") ? path : URL(fileURLWithPath: gitdir + "/" + path).standardizedFileURL.path
        }
        return gitdir
    }

    /// The value of `url` in the section `[remote "origin"]` of a git config file.
    static func originURL(inConfig path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var inOrigin = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inOrigin = line.replacingOccurrences(of: " ", with: "").lowercased() == "[remote\"origin\"]"
                continue
            }
            guard inOrigin, let equals = line.firstIndex(of: "="),
                line[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "url"
            else { continue }
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let unquoted =
                value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                ? String(value.dropFirst().dropLast()) : value
            return unquoted.isEmpty ? nil : unquoted
        }
        return nil
    }
}
