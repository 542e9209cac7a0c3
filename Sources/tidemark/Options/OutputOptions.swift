import ArgumentParser
import TidemarkCore

/// Where and how the site is written.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "The folder the site is written to, replaced whole (default: tidemark.toml's, else public).",
            valueName: "DIR"))
    var output: String?

    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "A folder of Mustache templates overriding the built-in ones, file by file.", valueName: "DIR"))
    var templates: String?

    func apply(to flags: inout CommandFlags) {
        flags.output = output
        flags.templates = templates
    }
}
