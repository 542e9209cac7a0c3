import ArgumentParser

/// `tidemark`: coverage reports in, a static site with history out.
@main
struct Tidemark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidemark",
        abstract: "Turn Cobertura coverage reports and JUnit results into a static site.",
        discussion: """
            Exit codes: 0 success (also: unchanged inputs, nothing recorded; skipped with --skip-if-busy); \
            1 an input or the history could not be read or written — nothing was recorded (the message names \
            the file, line and column); 2 the run was recorded and the site written, but a component's \
            measurement failed; 3 line coverage under --fail-under-line; 4 branch coverage under \
            --fail-under-branch; 5 a drop with --fail-on-drop; 6 test errors with --fail-on-test-errors; \
            7 another run held the lock past --lock-timeout; 8 the run was recorded but the site could not be \
            written (the previous site stays; run tidemark render); 64 a usage or configuration error, or an \
            output folder that Tidemark did not write — nothing was read or written. When several gates fail, \
            the lowest code wins.
            """,
        version: versionText,
        subcommands: [Generate.self, Record.self, Render.self, Status.self, Watch.self, Inspect.self, History.self]
    )
}
