import Concurrency
import CoverageModel
import Formatting
import Foundation
import HistoryStore
import SiteRenderer

/// The render step shared by `render`, `generate` and `watch`: the site drawn from the history
/// alone, in one snapshot of it (writers may go on meanwhile), written beside the published one
/// and swapped in whole.
public enum SiteBuilder {
    /// How many recent runs' per-file counts feed sparklines and movers.
    static let sparklineRuns = 20

    /// A project's site drawn into a stage.
    struct Drawn {
        /// Every page, with paths relative to the project's site.
        var pages: [SitePage]
        let run: Run
        let runCount: Int
        let downloadSize: Int
    }

    /// Renders the site of `store` into `settings.output`.
    /// - Throws: `CommandExit(.inputError)` after printing the problem; the published site stays.
    /// - Parameters:
    ///   - restoredDownload: the `history.jsonl.gz` that `--history-from` read, whose members are
    ///     copied where they hold the same runs, as those of the published one are.
    ///   - known: the run this process has just recorded into `store`, with its id (`generate`,
    ///     `watch`): its reports are not decoded back from the history when it is the latest.
    public static func render(
        from store: HistoryStore, settings: Settings, console: Console, restoredDownload: [UInt8]? = nil,
        known: (id: String, run: Run)? = nil
    ) throws(CommandExit) {
        try reporting(output: settings.output, console: console) {
            try store.snapshot {
                var drawn: Drawn?
                try staged(settings.output) { stage in
                    let site = try draw(
                        store, settings: settings, into: stage, published: nil,
                        restoredDownload: restoredDownload, known: known, console: console)
                    drawn = site
                    return site.pages
                }
                guard let site = drawn else { return }
                drawn = nil
                console.info(Summary.line(for: site.run, output: settings.output))
                console.info(
                    "Wrote \(settings.output)/\(HistoryDownload.fileName): \(site.runCount) run(s), "
                        + DisplayFormat.bytes(site.downloadSize))
                // The latest run and the pages' list: kept to the exit, or freed on another core (`Discard.atEnd`).
                Discard.atEnd(consume site)
            }
        }
    }

    /// Draws the site of `store`'s project into `stage`, inside the caller's snapshot.
    /// - Parameters:
    ///   - published: the published site's manifest (page path → key), for pages that did not change;
    ///     nil for the stage's, which is read while the runs are.
    ///   - loaded: the project's runs with files for the newest `sparklineRuns`, when already read.
    ///   - sources: where file pages find their source; the settings' source roots when nil.
    ///   - readAlongside: whether the newest runs are decoded on a second connection while this one
    ///     reads every run (one project's render); the all-projects render reads them in turn.
    ///   - known: a run just recorded into `store`, with its id (`HistoryStore.newestRuns(known:)`).
    /// - Throws: `CommandExit(.inputError)` for an empty history (printed), `HistoryError`, `RendererError`.
    static func draw(
        _ store: HistoryStore, settings: Settings, into stage: SiteStage, published given: [String: String]?,
        runs loaded: [RunSummary]? = nil, sources: (any SourceLocator)? = nil, readAlongside: Bool = true,
        restoredDownload: [UInt8]? = nil, known: (id: String, run: Run)? = nil, console: Console
    ) throws -> Drawn {
        let openReader = store.snapshotReader()
        // The newest run as soon as it is decoded, before its trees are built: its sources are
        // checked meanwhile (nil when it could not be read).
        let decoded = Handoff<Run?>()
        let newest =
            readAlongside
            ? Background {
                Result { () throws(HistoryError) in
                    let read = Result { () throws(HistoryError) in try openReader().newestRun(known: known) }
                    decoded.put((try? read.get())?.latest.run)
                    let newest = try read.get()
                    // The newest run's folder trees, while the caller's thread writes the history file.
                    return (newest, newest.map { PreparedComponents(treesOf: $0.latest.run) })
                }
            } : nil
        let runs = try loaded ?? store.runs(filesForLatest: sparklineRuns)
        guard runs.last != nil else { throw emptyHistory(store, console: console) }
        // The history file's runs are read while the newest run is decoded on the other connection;
        // its members are compressed on other threads while this one goes on.
        let published = given ?? stage.published
        let building = try historyDownload(
            runs: runs, store: store, published: published, stage: stage, restored: restoredDownload)
        // The recent rates, and the run before the latest as far as its files' places, while the
        // other thread builds the trees (it finishes later).
        let rates = PreparedComponents(ratesOf: runs.last?.components.map(\.name) ?? [], over: runs)
        let before = runs.count > 1 ? runs[runs.count - 2] : nil
        let previous =
            try newest == nil ? nil : before.map { summary throws(HistoryError) in try store.previousRun(of: summary) }
        // While the other thread builds the trees, this one checks the newest run's sources.
        var early: CheckedSources?
        if let newest, sources == nil, !newest.isFinished, let run = decoded.value {
            early = CheckedSources(
                reader: SourceReader(sourceRoots: settings.sourceRoots, components: run.components.map(\.name)),
                run: run, while: { !newest.isFinished })
        }
        let alongside = try newest?.value.get()
        let fetched =
            try alongside.map { newest, _ in
                newest.map {
                    NewestRuns(
                        latest: $0.latest, previous: $0.previous.map { ($0, previous ?? PreviousRun(components: [:])) })
                }
            } ?? store.newestRuns(known: known)
        // SQLite: the history may have changed between the two connections' reads: then read them again here.
        let current = fetched?.ids == runs.suffix(2).reversed().map(\.id)
        // Read in the snapshot `runs` came from, which has runs.
        guard let latest = current ? fetched : try store.newestRuns(known: known) else {
            throw emptyHistory(store, console: console)
        }
        let prepared = current ? alongside?.1.map { rates.merging($0) } ?? rates : rates
        let run = latest.latest.run
        let renderer = SiteRenderer(templates: try TemplateSet(overridingWith: settings.templates))
        let (alertEvents, stale) = (try store.alertEvents(), try staleComponents(of: run, in: store))
        let input = {
            var input = SiteInput(
                run: run, previous: latest.previous?.run, history: runs,
                sourceLocator: sources
                    ?? (current ? early : nil)
                        ?? SourceReader(sourceRoots: settings.sourceRoots, components: run.components.map(\.name)),
                activeAlerts: ActiveAlerts.of(runs, settings: settings), alertEvents: alertEvents,
                thresholds: settings.thresholds, defaults: settings.defaults, stale: stale)
            // The pages are drawn while the history file's new members are compressed; the history
            // page, drawn last, waits for its size.
            input.historyDownload = HistoryDownloadLink(
                path: HistoryDownload.fileName, byteCountWhenWritten: { building.finished().byteCount })
            input.prepared = prepared
            return input
        }()
        var pages = try renderer.render(input, published: published, stage: stage)
        let download = building.finished()
        try stage.put(download.page)
        // In its place by path, so that the manifest finds the pages sorted.
        var (low, high) = (0, pages.count)
        while low < high {
            let middle = (low + high) / 2
            if download.page.path < pages[middle].path { high = middle } else { low = middle + 1 }
        }
        pages.insert(SitePage(path: download.page.path, bytes: [], key: download.page.key, isReused: true), at: low)
        let drawn = Drawn(pages: pages, run: run, runCount: runs.count, downloadSize: download.byteCount)
        // The runs read and decoded: kept to the exit, or freed on another core (15 ms of a 20 000-file tick).
        Discard.atEnd(
            (
                consume input, consume latest, consume fetched, consume alongside, consume rates, consume prepared,
                consume runs
            ))
        return drawn
    }

    /// Prints that `store` holds no run: exit 1.
    private static func emptyHistory(_ store: HistoryStore, console: Console) -> CommandExit {
        console.error(
            "\(store.path): the history is empty (project \(store.project)); record a run first (tidemark record "
                + "or generate)")
        return CommandExit(.inputError)
    }

    /// Writes the pages `body` puts into a new stage beside `output`, then swaps them in whole; on any
    /// error the stage is removed and the published site stays.
    static func staged(_ output: String, _ body: (SiteStage) throws -> [SitePage]) throws {
        let stage = try SiteStage(directory: output)
        let pages: [SitePage]
        do {
            pages = try body(stage)
        } catch {
            stage.abandon()
            throw error
        }
        try stage.commit(pages)
        // The published site's listing and the update plan: kept to the exit, or freed on another core.
        Discard.atEnd(consume stage)
    }

    /// Runs `body`, printing its error and turning it into exit 1.
    static func reporting(output: String, console: Console, _ body: () throws -> Void) throws(CommandExit) {
        do {
            try body()
        } catch let error as HistoryError {
            console.error(error.description)
            throw CommandExit(.inputError)
        } catch let error as RendererError {
            console.error(error.description)
            throw CommandExit(.inputError)
        } catch let exit as CommandExit {
            throw exit
        } catch {
            console.error("\(output): \(error)")
            throw CommandExit(.inputError)
        }
    }

    /// The site's history file: the published one kept when no run changed, else built anew, copying
    /// the members of the published file (and of the one `--history-from` read) that still hold the
    /// same runs.
    private static func historyDownload(
        runs: [RunSummary], store: HistoryStore, published: [String: String], stage: SiteStage, restored: [UInt8]?
    )
        throws(HistoryError) -> DownloadPage
    {
        let keys = HistoryDownload.keys(of: runs)
        let key = HistoryDownload.pageKey(keys)
        let publishedPath = stage.publishedPath(of: HistoryDownload.fileName)
        var info = stat()
        if published[HistoryDownload.fileName] == key, stat(publishedPath, &info) == 0 {
            return DownloadPage(key: key, kept: Int(info.st_size))
        }
        let previous = [FileManager.default.contents(atPath: publishedPath).map { [UInt8]($0) }, restored]
        let pending = try HistoryDownload.start(
            runs: runs, keys: keys, store: store, previous: previous.compactMap { $0 },
            withFiles: max(0, runs.count - sparklineRuns))
        return DownloadPage(key: key, pending: pending)
    }

    /// The history file's page: the published one kept, or one whose members are being compressed.
    private struct DownloadPage: Sendable {
        let key: String
        var kept: Int? = nil
        var pending: HistoryDownload.Pending? = nil

        /// The page and its size, waiting for the compression.
        func finished() -> (page: SitePage, byteCount: Int) {
            guard let pending else {
                return (SitePage(path: HistoryDownload.fileName, bytes: [], key: key, isReused: true), kept ?? 0)
            }
            let bytes = pending.bytes()
            return (SitePage(path: HistoryDownload.fileName, bytes: bytes, key: key), bytes.count)
        }
    }

    /// The components of `run` whose measurement failed, with their last measured run (and the one
    /// before it) from the history: their pages stay reachable with a stale banner.
    static func staleComponents(of run: Run, in store: HistoryStore) throws(HistoryError) -> [String: StaleComponent] {
        var stale: [String: StaleComponent] = [:]
        for component in run.components where component.report == nil {
            guard let reason = component.status.reason else { continue }
            let measured = try store.measuredRuns(of: component.name, count: 2)
            guard let last = measured.first,
                let lastComponent = last.run.components.first(where: { $0.name == component.name })
            else { continue }
            stale[component.name] = StaleComponent(
                component: lastComponent,
                previous: measured.dropFirst().first?.run.components.first { $0.name == component.name },
                runID: last.summary.id, commit: last.summary.source.commit, time: last.summary.time, reason: reason)
        }
        return stale
    }
}
