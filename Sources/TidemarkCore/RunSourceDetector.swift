import CoverageModel
import Foundation

/// Where a run comes from. Flags win; then GitHub Actions' and GitLab CI's variables; then `git`
/// in the current folder.
enum RunSourceDetector {
    static func resolve(_ flags: CommandFlags, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> RunSource
    {
        var source = RunSource(commit: flags.commit, branch: flags.branch, buildURL: flags.buildURL)
        // git knows only the commit and the branch: with both given, it is not asked.
        if source.commit != nil && source.branch != nil && (source.buildURL != nil || !isCI(environment)) {
            return source
        }
        let detected = detect(environment, needsGit: source.commit == nil || source.branch == nil)
        source.commit = source.commit ?? detected.commit
        source.branch = source.branch ?? detected.branch
        source.buildURL = source.buildURL ?? detected.buildURL
        return source
    }

    static func isCI(_ environment: [String: String]) -> Bool {
        environment["GITHUB_ACTIONS"] == "true" || environment["GITLAB_CI"] == "true"
    }

    static func detect(_ environment: [String: String], needsGit: Bool = true) -> RunSource {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if value("GITHUB_ACTIONS") == "true" {
            var url: String?
            if let server = value("GITHUB_SERVER_URL"), let repository = value("GITHUB_REPOSITORY"),
                let id = value("GITHUB_RUN_ID")
            {
                url = "\(server)/\(repository)/actions/runs/\(id)"
            }
            return RunSource(
                commit: value("GITHUB_SHA"), branch: value("GITHUB_HEAD_REF") ?? value("GITHUB_REF_NAME"), buildURL: url
            )
        }
        if value("GITLAB_CI") == "true" {
            return RunSource(
                commit: value("CI_COMMIT_SHA"), branch: value("CI_COMMIT_BRANCH") ?? value("CI_COMMIT_REF_NAME"),
                buildURL: value("CI_JOB_URL") ?? value("CI_PIPELINE_URL"))
        }
        guard needsGit else { return RunSource() }
        // One call for both: the commit, then the branch ("HEAD" when detached).
        let lines = git(["rev-parse", "HEAD", "--abbrev-ref", "HEAD"])?.split(separator: "\n").map(String.init) ?? []
        guard lines.count == 2 else { return RunSource() }
        return RunSource(commit: lines[0], branch: lines[1] == "HEAD" ? nil : lines[1])
    }

    /// How long git may take to answer before it is stopped (a hung network file system, a lock).
    static let gitTimeout: TimeInterval = 5

    /// git's output, or `nil` when git is missing, this is no repository, or git did not answer
    /// within `gitTimeout`.
    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return nil }
        if finished.wait(timeout: .now() + gitTimeout) == .timedOut {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
