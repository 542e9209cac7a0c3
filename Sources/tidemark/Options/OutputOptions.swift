import ArgumentParser

/// Where and how the site is written.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .customLong("output"),
        help: ArgumentHelp("The folder the site is written to, replaced whole (default: tidemark.toml's, else public).", valueName: "DIR"))
    var explicitOutput: String?

    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp("A folder of Mustache templates overriding the built-in ones, file by file.", valueName: "DIR"))
    var explicitTemplates: String?

    func output(_ configuration: Configuration = Configuration()) -> String {
        explicitOutput ?? configuration.output ?? "public"
    }

    func templates(_ configuration: Configuration = Configuration()) -> String? {
        explicitTemplates ?? configuration.templates
    }
}
