import ArgumentParser

/// Where and how the site is written.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder the site is written to; replaced whole.", valueName: "DIR"))
    var output: String = "public"

    @Option(help: ArgumentHelp("A folder of Mustache templates overriding the built-in ones, file by file.", valueName: "DIR"))
    var templates: String?
}
