extension Tidemark {
    /// What `tidemark --version` prints, e.g. `tidemark 0.9.0 (commit 4d34392a1b2c)`: `BuildInfo` is
    /// generated at build time by `Sources/BuildInfoPlugin` from `VERSION` and git.
    static let versionText = "tidemark \(BuildInfo.version) (commit \(BuildInfo.commit))"
}
