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

        @Option(help: ArgumentHelp("The configuration file (default: ./tidemark.toml when present).", valueName: "FILE"))
        var config: String?

        @OptionGroup var lockOptions: LockOptions

        @Option(
            name: .customLong("source-root"),
            help: ArgumentHelp(
                "Where file sections read source from (default: the current folder); NAME=DIR sets it for one component.",
                valueName: "DIR"))
        var sourceRoots: [String] = []

        func run() throws {
            let alerts = try AlertOptions.parse(config.map { ["--config", $0] } ?? [])
            let inputs = try InputOptions.parse(sourceRoots.flatMap { ["--source-root", $0] })
            let settings = try RunSettings(
                inputs: inputs, history: historyOptions, output: outputOptions, alerts: alerts, requireInputs: false)
            guard let lock = try RunLock.acquire(for: [settings.historyPath, settings.output], policy: lockOptions.policy) else {
                return
            }
            defer { withExtendedLifetime(lock) {} }
            try SiteBuilder.render(from: try historyOptions.open(settings.configuration), settings: settings)
        }
    }
}

/// The render step shared by `render` and `generate`.
enum SiteBuilder {
    /// How many recent runs' per-file counts feed sparklines and movers.
    static let sparklineRuns = 20

    static func render(from store: HistoryStore, settings: RunSettings) throws {
        do {
            // The newest two runs' reports are read and decoded on a second connection while this
            // one reads every run's summary.
            let path = store.path
            let newest = Background { Result { () throws(HistoryError) in try HistoryStore(path: path).latestRuns(2) } }
            let runs = try store.runs(filesForLatest: sparklineRuns)
            guard runs.last != nil else {
                Console.error("\(store.path): the history is empty; record a run first (tidemark record or generate)")
                throw ExitStatus.inputError
            }
            let activeAlerts = try store.activeAlerts()
            let alertEvents = try store.alertEvents()
            let renderer = SiteRenderer(templates: try TemplateSet(overridingWith: settings.templates))
            let published = SiteWriter().published(at: settings.output)
            // Pages are written into a staging folder as they are drawn, then swapped in whole.
            let stage = try SiteStage(directory: settings.output)
            let pages: [SitePage]
            let run: Run
            do {
                var loaded = try newest.value.get()
                if loaded.map(\.summary.id) != runs.suffix(2).reversed().map(\.id) {
                    // The history changed between the two reads: read the newest runs again here.
                    loaded = try store.latestRuns(2)
                }
                run = loaded[0].run
                let input = SiteInput(
                    run: run, previous: loaded.count > 1 ? loaded[1].run : nil, history: runs,
                    sourceLocator: SourceReader(sourceRoots: settings.sourceRoots, components: run.components.map(\.name)),
                    activeAlerts: activeAlerts, alertEvents: alertEvents)
                pages = try renderer.render(input, published: published, stage: stage)
            } catch {
                stage.abandon()
                throw error
            }
            try stage.commit(pages)
            Console.info(Summary.line(for: run, output: settings.output))
        } catch let error as HistoryError {
            Console.error(error.description)
            throw ExitStatus.inputError
        } catch let error as RendererError {
            Console.error(error.description)
            throw ExitStatus.inputError
        }
    }
}
