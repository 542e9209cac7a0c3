import ArgumentParser
import TidemarkCore

/// Where a run comes from. Flags win; then GitHub Actions' and GitLab CI's variables; then `git`
/// in the current folder.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The commit measured (default: from CI variables or git).", valueName: "SHA"))
    var commit: String?

    @Option(help: ArgumentHelp("The branch measured (default: from CI variables or git).", valueName: "NAME"))
    var branch: String?

    @Option(help: ArgumentHelp("A link to the CI build (default: from CI variables).", valueName: "URL"))
    var buildURL: String?

    func apply(to flags: inout CommandFlags) {
        flags.commit = commit
        flags.branch = branch
        flags.buildURL = buildURL
    }
}
