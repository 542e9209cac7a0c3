import Concurrency
import CoverageModel
import Formatting
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
            let activeAlerts = ActiveAlerts.of(runs, settings: settings)
            let alertEvents = try store.alertEvents()
            let renderer = SiteRenderer(templates: try TemplateSet(overridingWith: settings.templates))
            let published = SiteWriter().published(at: settings.output)
            let download = try historyDownload(runs: runs, store: store, output: settings.output, published: published)
            // Pages are written into a staging folder as they are drawn, then swapped in whole.
            let stage = try SiteStage(directory: settings.output)
            var pages: [SitePage]
            let run: Run
            do {
                var loaded = try newest.value.get()
                if loaded.map(\.summary.id) != runs.suffix(2).reversed().map(\.id) {
                    // The history changed between the two reads: read the newest runs again here.
                    loaded = try store.latestRuns(2)
                }
                run = loaded[0].run
                var input = SiteInput(
                    run: run, previous: loaded.count > 1 ? loaded[1].run : nil, history: runs,
                    sourceLocator: SourceReader(sourceRoots: settings.sourceRoots, components: run.components.map(\.name)),
                    activeAlerts: activeAlerts, alertEvents: alertEvents, thresholds: settings.thresholds,
                    defaults: settings.defaults, stale: try staleComponents(of: run, in: store))
                input.historyDownload = HistoryDownloadLink(path: HistoryDownload.fileName, byteCount: download.byteCount)
                try stage.put(download.page)
                pages = try renderer.render(input, published: published, stage: stage)
                pages.append(SitePage(path: download.page.path, bytes: [], key: download.page.key, isReused: true))
            } catch {
                stage.abandon()
                throw error
            }
            try stage.commit(pages)
            console.info(Summary.line(for: run, output: settings.output))
            console.info(
                "Wrote \(settings.output)/\(HistoryDownload.fileName): \(runs.count) run(s), \(DisplayFormat.bytes(download.byteCount))")
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

    /// The site's history file: the published one kept when no run changed, else built anew, copying
    /// the members of the published file that still hold the same runs.
    private static func historyDownload(runs: [RunSummary], store: HistoryStore, output: String, published: [String: String])
        throws(HistoryError) -> (page: SitePage, byteCount: Int)
    {
        let keys = HistoryDownload.keys(of: runs)
        let key = HistoryDownload.pageKey(keys)
        let publishedPath = output + "/" + HistoryDownload.fileName
        var info = stat()
        if published[HistoryDownload.fileName] == key, stat(publishedPath, &info) == 0 {
            return (SitePage(path: HistoryDownload.fileName, bytes: [], key: key, isReused: true), Int(info.st_size))
        }
        let previous = FileManager.default.contents(atPath: publishedPath).map { [UInt8]($0) }
        let bytes = try HistoryDownload.build(runs: runs, keys: keys, store: store, previous: previous)
        return (SitePage(path: HistoryDownload.fileName, bytes: bytes, key: key), bytes.count)
    }

    /// The components of `run` whose measurement failed, with their last measured run (and the one
    /// before it) from the history: their pages stay reachable with a stale banner.
    static func staleComponents(of run: Run, in store: HistoryStore) throws(HistoryError) -> [String: StaleComponent] {
        var stale: [String: StaleComponent] = [:]
        for component in run.components where component.report == nil {
            guard let reason = component.status.reason else { continue }
            let measured = try store.measuredRuns(of: component.name, count: 2)
            guard let last = measured.first, let lastComponent = last.run.components.first(where: { $0.name == component.name })
            else { continue }
            stale[component.name] = StaleComponent(
                component: lastComponent,
                previous: measured.dropFirst().first?.run.components.first { $0.name == component.name },
                runID: last.summary.id, commit: last.summary.source.commit, time: last.summary.time, reason: reason)
        }
        return stale
    }
}
