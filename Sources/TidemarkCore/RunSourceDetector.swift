import CoverageModel
import Foundation

/// Where a run comes from. Flags win; then GitHub Actions' and GitLab CI's variables; then `git`
/// in the current folder.
enum RunSourceDetector {
    static func resolve(_ flags: CommandFlags, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> RunSource
    {
        var source = RunSource(commit: flags.commit, branch: flags.branch, buildURL: flags.buildURL)
        let detected = detect(environment)
        source.commit = source.commit ?? detected.commit
        source.branch = source.branch ?? detected.branch
        source.buildURL = source.buildURL ?? detected.buildURL
        return source
    }

    static func detect(_ environment: [String: String]) -> RunSource {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if value("GITHUB_ACTIONS") == "true" {
            var url: String?
            if let server = value("GITHUB_SERVER_URL"), let repository = value("GITHUB_REPOSITORY"),
                let id = value("GITHUB_RUN_ID")
            {
                url = "\(server)/\(repository)/actions/runs/\(id)"
            }
            return RunSource(
                commit: value("GITHUB_SHA"), branch: value("GITHUB_HEAD_REF") ?? value("GITHUB_REF_NAME"), buildURL: url)
        }
        if value("GITLAB_CI") == "true" {
            return RunSource(
                commit: value("CI_COMMIT_SHA"), branch: value("CI_COMMIT_BRANCH") ?? value("CI_COMMIT_REF_NAME"),
                buildURL: value("CI_JOB_URL") ?? value("CI_PIPELINE_URL"))
        }
        let branch = git(["rev-parse", "--abbrev-ref", "HEAD"])
        return RunSource(commit: git(["rev-parse", "HEAD"]), branch: branch == "HEAD" ? nil : branch)
    }

    /// One line of git's output, or `nil` when git is missing or this is no repository.
    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
