import ArgumentParser
import CoverageModel
import Foundation
import SiteRenderer

extension Tidemark {
    /// `tidemark generate`: read a run's inputs and write the site.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read coverage and test results, then write the report site.",
            discussion: """
                Example: tidemark generate --input python=coverage.xml --tests python=junit.xml --output public
                On any input error nothing is written: the previous site stays as it was.
                """)

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var outputOptions: OutputOptions

        func run() throws {
            let loader = RunLoader(sourceRoots: inputOptions.sourceRootMap)
            let loaded = loader.load(
                inputs: inputOptions.inputs, tests: inputOptions.tests,
                fallbackTime: ISO8601Parsing.fallbackTime(option: inputOptions.time))
            let run: Run
            switch loaded {
            case .success(let value): run = value
            case .failure(let failure):
                for error in failure.errors { Console.error(error.description) }
                throw ExitStatus.inputError
            }
            do {
                let templates = try TemplateSet(overridingWith: outputOptions.templates)
                let pages = try SiteRenderer(templates: templates).render(run)
                try SiteWriter().write(pages, to: outputOptions.output)
            } catch {
                Console.error(error.description)
                throw ExitStatus.inputError
            }
            Console.info(Summary.line(for: run, output: outputOptions.output))
        }
    }
}
