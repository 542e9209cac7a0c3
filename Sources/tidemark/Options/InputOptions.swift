import ArgumentParser
import TidemarkCore

/// What a run is made of: coverage inputs and test results per component.
struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("input"),
        help: ArgumentHelp(
            "A Cobertura coverage.xml, as NAME=PATH (one component of the run) or PATH (named after its producer).",
            valueName: "NAME=PATH"))
    var inputs: [String] = []

    @Option(
        name: .customLong("tests"),
        help: ArgumentHelp("JUnit XML results for a component, as NAME=PATH (.gz accepted).", valueName: "NAME=PATH"))
    var tests: [String] = []

    @OptionGroup var sourceRoots: SourceRootOptions

    @Option(
        help: ArgumentHelp(
            "The run's time (ISO 8601); it overrides the reports' own. Without it: the coverage reports' time, else "
                + "the JUnit files', else SOURCE_DATE_EPOCH, else now.",
            valueName: "TIME"))
    var time: String?

    func apply(to flags: inout CommandFlags) {
        flags.inputs = inputs
        flags.tests = tests
        flags.time = time
        sourceRoots.apply(to: &flags)
    }
}

/// Where report paths resolve and source is read from.
struct SourceRootOptions: ParsableArguments {
    @Option(
        name: .customLong("source-root"),
        help: ArgumentHelp(
            "The repository root report paths resolve under and source is read from (default: the current folder); "
                + "NAME=DIR sets it for one component.",
            valueName: "DIR"))
    var values: [String] = []

    func apply(to flags: inout CommandFlags) { flags.sourceRoots = values }
}
