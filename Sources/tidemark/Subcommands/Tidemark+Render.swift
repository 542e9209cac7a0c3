import ArgumentParser
import CoverageModel
import Foundation
import HistoryStore
import SiteRenderer

extension Tidemark {
    /// `tidemark render`: draw the site from the history alone.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the report site from the history alone (no XML needed).")

        @OptionGroup var historyOptions: HistoryOptions
        @OptionGroup var outputOptions: OutputOptions

        func run() throws {
            try SiteBuilder.render(from: try historyOptions.open(), with: outputOptions)
        }
    }
}

/// The render step shared by `render` and `generate`.
enum SiteBuilder {
    static func render(from store: HistoryStore, with output: OutputOptions) throws {
        do {
            let runs = try store.runs()
            guard let latest = runs.last else {
                Console.error("\(store.path): the history is empty; record a run first (tidemark record or generate)")
                throw ExitStatus.inputError
            }
            let run = try store.run(latest)
            let templates = try TemplateSet(overridingWith: output.templates)
            let pages = try SiteRenderer(templates: templates).render(run, history: runs)
            try SiteWriter().write(pages, to: output.output)
            Console.info(Summary.line(for: run, output: output.output))
        } catch let error as HistoryError {
            Console.error(error.description)
            throw ExitStatus.inputError
        } catch let error as RendererError {
            Console.error(error.description)
            throw ExitStatus.inputError
        }
    }
}
