import Concurrency
import CoverageModel
import Formatting

/// Turns the latest run and the history into the pages of the site, through page models and
/// Mustache templates.
///
/// Three parts, each in its own file: the plan (`SitePlan`: which pages exist and how each is
/// drawn), the fingerprints (`PageFingerprint`: what each page is drawn from, so an unchanged page
/// is kept) and the scheduling (`RenderSchedule`: every core at work). The result is sorted by
/// path, so the output never depends on scheduling.
public struct SiteRenderer: Sendable {
    private let templates: TemplateSet

    /// Changes whenever this code draws pages differently from the same inputs and templates: a
    /// fingerprint of pages kept whole (a project's site in the all-projects render) includes it.
    public static let pageFormat = PageFingerprint.format

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Renders every page of the site.
    /// - Parameters:
    ///   - published: the manifest of the site already published (page path → key); pages whose key
    ///     is unchanged are not rendered again (`isReused`).
    ///   - stage: where each page is written as soon as it is rendered; the pages returned then
    ///     carry their path and key only.
    /// - Throws: `RendererError` when a template is missing or a page cannot be written.
    public func render(
        _ input: SiteInput, published: [String: String] = [:], stage: SiteStage? = nil
    ) throws(RendererError) -> [SitePage] {
        let plan = SitePlan(templates: templates, input: input, runTime: DisplayFormat.timestamp(input.run.time))
        // The alerts page is drawn while the components are prepared. A component whose latest
        // run failed to measure is drawn from its last measured run, with a stale banner.
        let components = input.drawnComponents
        let trees = Slots<DirectoryTree>(count: components.count)
        let rates = Slots<RecentRates>(count: components.count)
        let preparation: [@Sendable () -> Void] = components.indices.flatMap { index -> [@Sendable () -> Void] in
            let component = components[index]
            return [
                {
                    let files = component.report.files
                    trees.set(index, input.prepared.tree(of: files) ?? DirectoryTree(files: files))
                },
                {
                    let (name, history) = (component.name, input.history)
                    rates.set(
                        index,
                        input.prepared.rates(of: name, history: history)
                            ?? RecentRates(component: name, history: history))
                },
            ]
        }
        var pages = try RenderSchedule.run(plan.alertJobs(), alongside: preparation, published: published, stage: stage)
        var contexts: [String: ComponentContext] = [:]
        for (index, component) in components.enumerated() {
            guard let tree = trees.get(index), let rate = rates.get(index) else { continue }
            let look = ComponentLook(staleText: component.staleText, levels: input.levels(for: component.name))
            contexts[component.name] = ComponentContext(component: component, look: look, tree: tree, rates: rate)
        }
        // The longest jobs first (the overview, then each component's paged lists and listings, its
        // file pages last): cores take jobs in this order, and the overview drawn last ran alone for
        // 10 ms at the end of a 20 000-file cron tick while the other core idled.
        var jobs = plan.siteJobs(contexts: contexts)
        for component in components {
            if let context = contexts[component.name] { jobs += plan.componentJobs(context) }
        }
        var drawn = try RenderSchedule.run(jobs, published: published, stage: stage)
        pages.append(moving: &drawn, leaving: .placeholder)
        // Last and on this thread, not a pool's: it may wait for the history file's compression,
        // which runs on the pool.
        var history = try RenderSchedule.runHere(plan.historyJob(), published: published, stage: stage)
        pages.append(moving: &history, leaving: .placeholder)
        // In String's order, compared as bytes where the paths allow (String's `<` per comparison cost
        // more); about 10 ms for 23 600 pages.
        NameOrder.permute(&pages, into: NameOrder.sortedIndices(pages.map(\.path)))
        // The components' trees, orders and drawn rows: kept to the exit, or freed on another core (8 ms).
        Discard.atEnd((consume contexts, consume jobs, consume preparation, consume trees, consume rates))
        return pages
    }
}
