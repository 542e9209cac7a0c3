import ArgumentParser

/// `tidemark`: coverage reports in, a static site with history out.
@main
struct Tidemark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidemark",
        abstract: "Turn Cobertura coverage reports and JUnit results into a static site.",
        discussion: """
            Exit codes: 0 success; 1 an input, history or output error — nothing was recorded (the message \
            names the file, line and column); 2 the run was recorded but a component's measurement failed; \
            64 a usage error.
            """,
        version: versionText,
        subcommands: [Generate.self, Record.self, Render.self, Status.self, Watch.self, Inspect.self, History.self]
    )
}
