import CoverageModel
import Formatting
import Foundation
import HistoryStore
import SiteRenderer

/// `render --all-projects`: an index of every project of the history (`index.html` worst first,
/// `by-name.html`) and each project's own site under `p/NAME/`, all read in one snapshot and
/// published together (`SiteStage`). A project whose runs, settings and templates did not change since the last
/// render keeps its published pages, not drawn again.
enum ProjectsSite {
    static func render(from store: HistoryStore, settings: Settings, console: Console) throws(CommandExit) {
        try SiteBuilder.reporting(output: settings.output, console: console) {
            try store.snapshot {
                let projects = try store.projects().filter { $0.runCount > 0 }
                guard !projects.isEmpty else {
                    console.error(
                        "\(store.path): the history holds no runs of any project; record a run first (tidemark record)")
                    throw CommandExit(.inputError)
                }
                var written = Written()
                try SiteBuilder.staged(settings.output) { stage in
                    written = try write(projects, of: store, settings: settings, into: stage, console: console)
                    return written.pages
                }
                console.info(
                    "Wrote \(settings.output)/index.html: \(projects.count) project(s); \(written.drawn) site(s) "
                        + "drawn, \(projects.count - written.drawn) unchanged; \(written.read) read from the history")
            }
        }
    }

    private struct Written {
        var pages: [SitePage] = []
        var drawn = 0
        /// Projects whose runs were read: the rest kept their line of the index from `projects.json`.
        var read = 0
    }

    /// Every project's site (drawn or kept) and the index pages, put into `stage`.
    private static func write(
        _ projects: [ProjectSummary], of store: HistoryStore, settings: Settings, into stage: SiteStage,
        console: Console
    ) throws -> Written {
        let published = stage.published
        let templates = try TemplateSet(overridingWith: settings.templates)
        let known = lastOverviews(at: settings.output, levels: settings.defaults.levels)
        var written = Written()
        var overviews: [ProjectOverview] = []
        var keys: [String: String] = [:]
        for project in projects {
            keys[project.name] = fingerprint(project, templates: templates, settings: settings)
        }
        let lineReads = try lines(
            of: projects.filter { project in
                published["p/" + project.name + "/"] == keys[project.name]
                    && known[project.name]?.key != keys[project.name]
            }, from: store, settings: settings)
        for project in projects {
            let folder = "p/" + project.name
            let key = keys[project.name] ?? ""
            if published[folder + "/"] == key,
                let kept = try keep(folder, of: settings.output, published: published, in: stage)
            {
                written.pages += kept
                if let last = known[project.name], last.key == key {
                    overviews.append(last.overview)
                } else {
                    overviews.append(
                        try lineReads[project.name]
                            ?? overview(
                                project, runs: store.forProject(project.name).runs(filesForLatest: 2),
                                settings: settings))
                    written.read += 1
                }
            } else {
                let projectStore = try store.forProject(project.name)
                let runs = try projectStore.runs(filesForLatest: SiteBuilder.sparklineRuns)
                overviews.append(overview(project, runs: runs, settings: settings))
                written.read += 1
                let drawn = try SiteBuilder.draw(
                    projectStore, settings: settings, into: try stage.scoped(to: folder),
                    published: pages(of: published, in: folder), runs: runs, sources: NoSources(), readAlongside: false,
                    console: console)
                written.pages += drawn.pages.map {
                    SitePage(path: folder + "/" + $0.path, bytes: [], key: $0.key, isReused: true)
                }
                written.drawn += 1
            }
            // The folder's own entry in the manifest: what its pages were drawn from.
            written.pages.append(SitePage(path: folder + "/", bytes: [], key: key, isReused: true))
        }
        for page in try ProjectsIndex.pages(overviews, keys: keys, templates: templates) {
            try stage.put(page)
            written.pages.append(SitePage(path: page.path, bytes: [], key: page.key, isReused: page.isReused))
        }
        return written
    }

    static func overview(_ project: ProjectSummary, runs: [RunSummary], settings: Settings) -> ProjectOverview {
        ProjectOverview(
            name: project.name, runs: runs, activeAlerts: ActiveAlerts.of(runs, settings: settings),
            levels: settings.defaults.levels)
    }

    /// The projects' lines of the index published at `output` (its `projects.json`), by name with
    /// their keys; none when there is no such file or it cannot be read.
    private static func lastOverviews(at output: String, levels: CoverageLevels)
        -> [String: (key: String, overview: ProjectOverview)]
    {
        let path = SiteFolder.target(of: output) + "/" + ProjectsJSON.name
        var info = stat()
        // The file this command wrote: a regular file of a sane size, or nothing is taken from it.
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 256 << 20,
            let data = FileManager.default.contents(atPath: path)
        else { return [:] }
        return ProjectsJSON.read([UInt8](data), levels: levels)
    }

    /// What a project's pages and its line of the index are drawn from besides its runs: its
    /// revision counts every change to them; the settings, the templates and the way this version
    /// of Tidemark draws pages are the rest (an upgrade that draws them differently draws them again).
    static func fingerprint(_ project: ProjectSummary, templates: TemplateSet, settings: Settings) -> String {
        let thresholds = settings.thresholds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let text =
            [
                "tidemark-project-site-v1", project.name, String(project.revision), templates.version,
                SiteRenderer.pageFormat, ProjectsJSON.format, "\(settings.defaults)",
            ] + thresholds
        return "project-v1-" + RunIdentity.sha256(text.joined(separator: "\n"))
    }

    /// The published pages of `folder`, kept in `stage` with their keys; nil when the folder
    /// cannot be listed (it is then drawn again).
    private static func keep(_ folder: String, of output: String, published: [String: String], in stage: SiteStage)
        throws(RendererError) -> [SitePage]?
    {
        let root = SiteFolder.target(of: output) + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: root) else { return nil }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            var info = stat()
            if lstat(root + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { files.append(relative) }
        }
        return try files.sorted().map { relative throws(RendererError) -> SitePage in
            let path = folder + "/" + relative
            let page = SitePage(path: path, bytes: [], key: published[path], isReused: true)
            try stage.put(page)
            return page
        }
    }

    /// The manifest entries under `folder`, with paths relative to it.
    private static func pages(of published: [String: String], in folder: String) -> [String: String] {
        var result: [String: String] = [:]
        for (path, key) in published where path.hasPrefix(folder + "/") {
            result[String(path.dropFirst(folder.count + 1))] = key
        }
        return result
    }
}

/// Sources for the all-projects render: one history holds many repositories, and the folder it
/// renders from is none of their checkouts, so no file's source is read.
struct NoSources: SourceLocator {
    func sources(component: String, files: [SourceRequest]) -> [SourceText] {
        files.map { _ in .unavailable(reason: "Sources are not shown when all projects are rendered from one history.")
        }
    }
}
