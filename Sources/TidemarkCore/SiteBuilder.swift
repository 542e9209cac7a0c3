import CoverageModel
import Foundation
import HistoryStore
import SiteRenderer

/// The render step shared by `render`, `generate` and `watch`: the site drawn from the history
/// alone, written beside the published one and swapped in whole.
public enum SiteBuilder {
    /// How many recent runs' per-file counts feed sparklines and movers.
    static let sparklineRuns = 20

    /// Renders the site of `store` into `settings.output`.
    /// - Throws: `CommandExit(.inputError)` after printing the problem; the published site stays.
    public static func render(from store: HistoryStore, settings: Settings, console: Console) throws(CommandExit) {
        do {
            // The newest two runs' reports are read and decoded on a second connection while this
            // one reads every run's summary.
            let path = store.path
            let newest = Background { Result { () throws(HistoryError) in try HistoryStore(path: path, access: .readOnly).latestRuns(2) } }
            let runs = try store.runs(filesForLatest: sparklineRuns)
            guard runs.last != nil else {
                console.error("\(store.path): the history is empty; record a run first (tidemark record or generate)")
                throw CommandExit(.inputError)
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
            console.info(Summary.line(for: run, output: settings.output))
        } catch let error as HistoryError {
            console.error(error.description)
            throw CommandExit(.inputError)
        } catch let error as RendererError {
            console.error(error.description)
            throw CommandExit(.inputError)
        } catch let exit as CommandExit {
            throw exit
        } catch {
            console.error("\(settings.output): \(error)")
            throw CommandExit(.inputError)
        }
    }
}
