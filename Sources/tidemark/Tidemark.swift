import ArgumentParser

/// `tidemark`: coverage reports in, a static site with history out.
@main
struct Tidemark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidemark",
        abstract: "Turn Cobertura coverage reports and JUnit results into a static site.",
        discussion: """
            Exit codes: 0 success; 1 an input or output error (the message names the file, line \
            and column); 64 a usage error.
            """,
        subcommands: [Generate.self, Inspect.self]
    )
}
