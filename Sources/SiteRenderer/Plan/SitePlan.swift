import CoverageModel
import Formatting

/// Which pages the site has and how each is drawn: a list of `RenderJob`s, each with the
/// fingerprint that lets an unchanged page be kept (`PageFingerprint`). The plan decides what;
/// `RenderSchedule` decides when.
struct SitePlan: Sendable {
    /// File pages per job: one folder's files share a job, so their sources are looked up together.
    static let filesPerJob = 32

    let templates: TemplateSet
    let input: SiteInput
    let runTime: String

    /// The page of every alert, drawn from the stored history alone.
    func alertJobs() -> [RenderJob] {
        let (templates, input, runTime) = (templates, input, runTime)
        return [
            { sink in
                try sink.page("alerts.html", key: nil) {
                    let model = AlertsPage(active: input.activeAlerts, events: input.alertEvents, runTime: runTime)
                    return try templates.render(model, with: "alerts")
                }
            }
        ]
    }

    /// The page of every run, with the link to the history file and its size: the file may still be
    /// being compressed on other threads (`HistoryDownloadLink`), so this job waits for it.
    func historyJob() -> RenderJob {
        let (templates, input, runTime) = (templates, input, runTime)
        return { sink in
            try sink.page("history.html", key: nil) {
                let model = HistoryPage(history: input.history, runTime: runTime, download: input.historyDownload)
                return try templates.render(model, with: "history")
            }
        }
    }

    /// The overview, the diagnostics, the stylesheet, the machine outputs and the badges.
    func siteJobs(contexts: [String: ComponentContext]) -> [RenderJob] {
        let (templates, input, runTime) = (templates, input, runTime)
        return [
            { sink in
                try sink.page("index.html", key: nil) {
                    try templates.render(OverviewPage(input: input, contexts: contexts), with: "index")
                }
                try sink.page("diagnostics.html", key: nil) {
                    try templates.render(DiagnosticsPage(run: input.run, runTime: runTime), with: "diagnostics")
                }
            },
            { sink in
                try sink.put(
                    SitePage(path: "style.css", bytes: PageBytes.clean(Array(try templates.asset("style.css").utf8))))
                let facts = ComponentFacts.of(input)
                let overall = facts.filter { $0.status == .measured }.map(\.counts).total()
                try sink.put(
                    SitePage(
                        path: "summary.json",
                        contents: MachineOutputs.summaryJSON(facts, overall: overall, input: input)))
                try sink.put(
                    SitePage(
                        path: "summary.md",
                        contents: MachineOutputs.summaryMarkdown(facts, overall: overall, input: input)))
                try sink.put(
                    SitePage(
                        path: "badge.svg",
                        contents: MachineOutputs.badge(
                            label: "coverage", counts: overall, failed: false, levels: input.defaults.levels)))
                for fact in facts {
                    try sink.put(
                        SitePage(
                            path: SiteLayout.badge(fact.name),
                            contents: MachineOutputs.badge(
                                label: fact.name, counts: fact.counts, failed: fact.status != .measured,
                                levels: input.levels(for: fact.name))))
                }
            },
        ]
    }

    /// A component's pages: one per file (the heaviest, first), its folders' listings, and its flat lists.
    func componentJobs(_ context: ComponentContext) -> [RenderJob] {
        fileListJobs(context) + listingJobs(context) + filePageJobs(context)
    }

    private func filePageJobs(_ context: ComponentContext) -> [RenderJob] {
        let (templates, locator, version) = (templates, input.sources, templates.version)
        let sourceRoot = locator.sourceRoot(component: context.name)
        let pagesFolder = SiteLayout.filePagesFolder(context.name)
        let base = PageFingerprint.filePageBase(context, sourceRoot: sourceRoot, version: version)
        var jobs: [RenderJob] = []
        for folder in context.tree.folders {
            for start in stride(from: 0, to: folder.files.count, by: Self.filesPerJob) {
                let chunk = Array(folder.files[start..<min(start + Self.filesPerJob, folder.files.count)])
                jobs.append { sink in
                    let sources = locator.sources(
                        component: context.name,
                        files: chunk.map {
                            SourceRequest(
                                key: context.tree.entries[$0].file.key, name: context.tree.entries[$0].file.name)
                        },
                        places: chunk.map { context.tree.entries[$0].source })
                    for (index, source) in zip(chunk, sources) {
                        let path = SiteLayout.filePage(inFolder: pagesFolder, slug: context.tree.entries[index].slug)
                        let key = PageFingerprint.filePage(
                            base: base, context, entry: index, source: source, path: path)
                        try sink.page(path, key: key) {
                            let model = FilePage(
                                context: context, entry: index, source: source, sourceRoot: sourceRoot, path: path)
                            // The rows and the page around them (about 8 KB): the page is not copied to grow.
                            return try templates.render(model, with: "file", capacity: model.rowsHTML.count + 16_384)
                        }
                    }
                }
            }
        }
        return jobs
    }

    private func listingJobs(_ context: ComponentContext) -> [RenderJob] {
        var jobs: [RenderJob] = []
        for (index, folder) in context.tree.folders.enumerated() {
            for worstFirst in [false, true] {
                jobs += pagedJobs(
                    context, rows: folder.folders.count + folder.files.count, template: "listing",
                    path: { SiteLayout.folder(context.name, slug: folder.slug, worstFirst: worstFirst, page: $0) },
                    key: { page, path, version in
                        PageFingerprint.folderListing(
                            context, folder: index, worstFirst: worstFirst, page: page, path: path, version: version)
                    },
                    model: { page, path in
                        ListingPage(context: context, folder: index, worstFirst: worstFirst, page: page, path: path)
                    })
            }
        }
        return jobs
    }

    private func fileListJobs(_ context: ComponentContext) -> [RenderJob] {
        var jobs: [RenderJob] = []
        for onlyIncomplete in [false, true] {
            for order in FileOrder.allCases {
                jobs += pagedJobs(
                    context, rows: context.entries(order, onlyIncomplete: onlyIncomplete).count, template: "file-list",
                    path: { SiteLayout.fileList(context.name, order: order, onlyIncomplete: onlyIncomplete, page: $0) },
                    key: { page, path, version in
                        PageFingerprint.fileList(
                            context, order: order, onlyIncomplete: onlyIncomplete, page: page, path: path,
                            version: version)
                    },
                    model: { page, path in
                        FileListPage(
                            context: context, order: order, onlyIncomplete: onlyIncomplete, page: page, path: path)
                    })
            }
        }
        return jobs
    }

    /// A job per page of a listing of `rows` rows (`ListingPaging`): `path`, `key` and `model` of page 1, 2, ….
    private func pagedJobs(
        _ context: ComponentContext, rows: Int, template: String, path: (Int) -> String,
        key: @escaping @Sendable (Int, String, String) -> PageKey,
        model: @escaping @Sendable (Int, String) -> any TemplateModel
    ) -> [RenderJob] {
        let (templates, version) = (templates, templates.version)
        return ListingPaging.pages(count: rows).enumerated().map { index, shown in
            let (page, path) = (index + 1, path(index + 1))
            // Room for the page at once (a row of a listing is 300–500 bytes, the page around its
            // rows about 10 KB): grown from empty, a 20 000-file render copied its listings' bytes
            // again 27 000 times.
            let capacity = 12_288 + shown.count * 512
            return { sink in
                try sink.page(path, key: key(page, path, version)) {
                    try templates.render(model(page, path), with: template, capacity: capacity)
                }
            }
        }
    }
}
