import Formatting
import CoverageAnalysis
import CoverageModel
import Foundation

/// One file of the site, ready to be written: a relative path and its bytes — or, for a page whose
/// inputs did not change since the last render, a note to keep the file that is already there.
public struct SitePage: Sendable, Equatable {
    public let path: String
    /// The file's bytes: UTF-8 text.
    public let bytes: [UInt8]
    /// A fingerprint of the page's inputs, kept in the site's manifest for the next render.
    public let key: String?
    /// The page is unchanged: the writer links the published file instead of writing it.
    public let isReused: Bool

    public init(path: String, contents: String, key: String? = nil, isReused: Bool = false) {
        self.init(path: path, bytes: Array(contents.utf8), key: key, isReused: isReused)
    }

    public init(path: String, bytes: [UInt8], key: String? = nil, isReused: Bool = false) {
        self.path = path
        self.bytes = bytes
        self.key = key
        self.isReused = isReused
    }

    /// The bytes as text.
    public var contents: String { String(decoding: bytes, as: UTF8.self) }

    /// The page once written: path and key only.
    var withoutBytes: SitePage { SitePage(path: path, bytes: [], key: key, isReused: isReused) }
}

/// Turns the latest run and the history into the pages of the site, through page models and
/// Mustache templates. Pages are independent, so they are rendered on all cores; the result is
/// sorted by path, so the output never depends on scheduling.
public struct SiteRenderer: Sendable {
    private let templates: TemplateSet

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
        let runTime = DisplayFormat.timestamp(input.run.time)
        // The pages of the history alone are drawn while the components are prepared (a folder tree
        // takes longer than the recent rates beside it, and the other core would wait).
        let early = historyJobs(
            history: input.history, runTime: runTime, download: input.historyDownload, activeAlerts: input.activeAlerts,
            alertEvents: input.alertEvents)
        let (prepared, earlyResults) = Self.prepare(input, alongside: early, stage: stage)
        let placements = prepared.mapValues(\.placement)
        var jobs: [Job] = [
            { [templates] in templates.page(at: "index.html", OverviewPage(input: input, placements: placements), with: "index") },
            { [templates] in
                templates.page(at: "diagnostics.html", DiagnosticsPage(run: input.run, runTime: runTime), with: "diagnostics")
            },
        ]
        for component in input.drawnComponents {
            guard let prepared = prepared[component.name] else { continue }
            jobs += componentJobs(component, prepared: prepared, input: input, published: published)
        }
        let facts = ComponentFacts.of(input)
        let overall = facts.filter { $0.status == .measured }.map(\.counts).total()
        var pages = [
            SitePage(path: "style.css", bytes: SiteRenderer.clean(Array(try templates.asset("style.css").utf8))),
            SitePage(path: "summary.json", contents: MachineOutputs.summaryJSON(facts, overall: overall, input: input)),
            SitePage(path: "summary.md", contents: MachineOutputs.summaryMarkdown(facts, overall: overall, input: input)),
            SitePage(path: "badge.svg", contents: MachineOutputs.badge(label: "coverage", counts: overall, failed: false, levels: input.defaults.levels)),
        ]
        pages += facts.map { fact in
            SitePage(
                path: SiteLayout.badge(fact.name),
                contents: MachineOutputs.badge(
                    label: fact.name, counts: fact.counts, failed: fact.status != .measured, levels: input.levels(for: fact.name)))
        }
        if let stage {
            for page in pages { try stage.put(page) }
            pages = pages.map(\.withoutBytes)
        }
        pages += try earlyResults.values()
        pages += try Self.run(jobs, stage: stage)
        return pages.sorted { $0.path < $1.path }
    }

    /// The pages drawn from the stored history alone: every run (`history.html`) and every alert (`alerts.html`).
    private func historyJobs(
        history: [RunSummary], runTime: String, download: HistoryDownloadLink?, activeAlerts: [Alert], alertEvents: [Alert]
    ) -> [Job] {
        [
            { [templates] in
                templates.page(
                    at: "history.html", HistoryPage(history: history, runTime: runTime, download: download), with: "history")
            },
            { [templates] in
                templates.page(at: "alerts.html", AlertsPage(active: activeAlerts, events: alertEvents, runTime: runTime), with: "alerts")
            },
        ]
    }

    /// What a component's pages share: its folder tree, the recent rates of its paths, and which
    /// page of its folder shows each file.
    struct Prepared: Sendable {
        let tree: UncheckedTree
        let rates: RecentRates
        let placement: FilePlacement
    }

    /// Every component with pages, prepared on all cores (tree and placement beside rates), with
    /// `jobs` run beside them (their results in order, written into `stage` as `run` writes them).
    private static func prepare(
        _ input: SiteInput, alongside jobs: [Job], stage: SiteStage?
    ) -> (prepared: [String: Prepared], results: ResultBox) {
        let components = input.drawnComponents
        let box = PrepBox(count: components.count)
        let results = ResultBox(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count + components.count * 2) { index in
            guard index >= jobs.count else { return results.set(index, Self.perform(jobs[index], stage: stage)) }
            let slot = (index - jobs.count) / 2
            let component = components[slot]
            if (index - jobs.count) % 2 == 0 {
                let tree = DirectoryTree(files: component.report.files)
                box.set(tree: tree, placement: FilePlacement(tree: tree), at: slot)
            } else {
                box.set(rates: RecentRates(component: component.name, history: input.history), at: slot)
            }
        }
        var prepared: [String: Prepared] = [:]
        for (index, component) in components.enumerated() {
            guard let (tree, placement, rates) = box.get(index) else { continue }
            prepared[component.name] = Prepared(tree: UncheckedTree(tree: tree), rates: rates, placement: placement)
        }
        return (prepared, results)
    }

    private func componentJobs(
        _ component: DrawnComponent, prepared: Prepared, input: SiteInput, published: [String: String]
    ) -> [Job] {
        let name = component.name
        let report = component.report
        let tree = prepared.tree.tree
        let rates = prepared.rates
        let placement = prepared.placement
        let previousFiles = Dictionary(
            (component.previous?.files ?? []).map { ($0.displayPath, $0) }, uniquingKeysWith: { first, _ in first })
        // What every page of the component shows besides its files: the stale banner and the levels.
        let look = ComponentLook(staleText: component.staleText, levels: input.levels(for: name))
        let locator = input.sources
        var jobs: [Job] = []
        // Worst-first pages come after every by-path page: a folder's two pages side by side on
        // two cores had one wait while the other built their shared rows.
        var worstJobs: [Job] = []
        let version = templates.version
        // Each directory's rows (sparklines, links) are built at most once for both orders, and only
        // when one of its pages is rendered: an incremental render fingerprints every page from its
        // inputs and draws only the pages whose fingerprint changed.
        let nodes = [tree.root] + tree.root.descendants
        for node in nodes {
            let rows = LazyRows {
                ListingPage.rows(
                    component: name, node: node, root: SiteLayout.root(of: SiteLayout.directory(name, node)), rates: rates,
                    placement: placement, levels: look.levels)
            }
            let parts = placement.parts(ofFolder: node.path)
            let shared = UncheckedNode(node: node)
            // Fingerprint and sections of one page's files, with their sources (located on the page's job).
            @Sendable func addInputs(of files: [SourceFile], sources: [SourceText], to key: inout PageKey) {
                key.add(word: UInt64(parts.count))
                for (file, source) in zip(files, sources) {
                    Self.addFileInputs(
                        to: &key, name: name, file: file, previous: previousFiles[file.displayPath],
                        source: source, producer: report.producer, rates: rates.rates(of: file.displayPath))
                }
            }
            @Sendable func sections(of files: [SourceFile], sources: [SourceText], sparklines: [String: String]) -> [FileSection] {
                zip(files, sources).map { file, source in
                    FileSection(component: name, file: file, previous: previousFiles[file.displayPath], producer: report.producer,
                                source: source, rates: rates,
                                sparkline: sparklines[SiteLayout.fileName(file.displayPath)], levels: look.levels)
                }
            }
            for worstFirst in [false, true] {
                let path = SiteLayout.directory(name, node, worstFirst: worstFirst)
                // The by-path page also carries the first part of the directory's own files with their source.
                let files = worstFirst ? [] : parts[0]
                let job: Job = { [templates] in
                    var fingerprint = ListingPage.inputKey(
                        version: version, component: name, node: shared.node, worstFirst: worstFirst, rates: rates,
                        placement: placement)
                    look.add(to: &fingerprint)
                    let sources = worstFirst ? [] : locator.sources(component: name, files: files)
                    if !worstFirst { addInputs(of: files, sources: sources, to: &fingerprint) }
                    let key = fingerprint.text
                    if published[path] == key { return .success(SitePage(path: path, bytes: [], key: key, isReused: true)) }
                    let rows = rows.value
                    var model = ListingPage(
                        component: name, node: shared.node, worstFirst: worstFirst, page: path, rates: rates, rows: rows,
                        look: look)
                    if !worstFirst {
                        model.files = sections(of: files, sources: sources, sparklines: Self.sparklines(of: rows))
                        model.parts = FilePartPage.links(component: name, folder: shared.node, count: parts.count, current: 1, root: model.root)
                    }
                    return templates.page(at: path, model, with: "listing", key: key)
                }
                if worstFirst { worstJobs.append(job) } else { jobs.append(job) }
            }
            // The rest of the folder's files, a part per page.
            for part in parts.indices.dropFirst() {
                let path = SiteLayout.directory(name, node, part: part + 1)
                let files = parts[part]
                jobs.append { [templates] in
                    var fingerprint = PageKey()
                    fingerprint.add(version)
                    fingerprint.add(name)
                    fingerprint.add(shared.node.path)
                    fingerprint.add(word: UInt64(part))
                    look.add(to: &fingerprint)
                    let sources = locator.sources(component: name, files: files)
                    addInputs(of: files, sources: sources, to: &fingerprint)
                    let key = fingerprint.text
                    if published[path] == key { return .success(SitePage(path: path, bytes: [], key: key, isReused: true)) }
                    var sectionsOfPart = sections(of: files, sources: sources, sparklines: Self.sparklines(of: rows.value))
                    let contents = SiteLayout.root(of: path) + SiteLayout.directory(name, shared.node) + "#entries-heading"
                    for index in sectionsOfPart.indices { sectionsOfPart[index].backLink = contents }
                    let model = FilePartPage(
                        component: name, folder: shared.node, part: part + 1, count: parts.count, page: path,
                        files: sectionsOfPart, look: look)
                    return templates.page(at: path, model, with: "files", key: key)
                }
            }
        }
        return jobs + worstJobs
    }

    /// Runs the jobs on all cores, keeping the first error.
    private static func run(_ jobs: [Job], stage: SiteStage?) throws(RendererError) -> [SitePage] {
        let results = ResultBox(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in results.set(index, perform(jobs[index], stage: stage)) }
        return try results.values()
    }

    /// One job's page, written into `stage` (and kept without its bytes) when there is one.
    private static func perform(_ job: Job, stage: SiteStage?) -> Result<SitePage, RendererError> {
        let result = job()
        guard let stage, case .success(let page) = result else { return result }
        return Result { () throws(RendererError) in
            try stage.put(page)
            return page.withoutBytes
        }
    }

    /// UTF-8 text with `\n` endings, no trailing spaces, one trailing newline (STYLE.md §5). A page
    /// that already is so is kept as it is; otherwise each line is copied whole unless it ends in
    /// spaces, tabs or `\r` (a byte-by-byte copy was a sixth of a large site's render time).
    static func clean(_ bytes: [UInt8]) -> [UInt8] {
        if isClean(bytes) { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let origin = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let base = origin + start
                let end = memchr(base, Int32(UInt8(ascii: "\n")), buffer.count - start)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(origin) } ?? buffer.count
                var last = end
                while last > start, buffer[last - 1] == UInt8(ascii: " ") || buffer[last - 1] == UInt8(ascii: "\t")
                    || buffer[last - 1] == UInt8(ascii: "\r")
                {
                    last -= 1
                }
                var line = UnsafeBufferPointer(rebasing: buffer[start..<last])
                if memchr(base, Int32(UInt8(ascii: "\r")), last - start) != nil {
                    output.append(contentsOf: line.filter { $0 != UInt8(ascii: "\r") })
                    line = UnsafeBufferPointer(rebasing: line[0..<0])
                }
                output.append(contentsOf: line)
                if end < buffer.count { output.append(UInt8(ascii: "\n")) }
                start = end + 1
            }
        }
        while let last = output.last, last == UInt8(ascii: "\n") { output.removeLast() }
        output.append(UInt8(ascii: "\n"))
        return output
    }
}

extension SiteRenderer {
    /// Whether `bytes` already end in exactly one newline and hold no `\r` and no space or tab
    /// before a newline: then `clean` returns them as they are (no copy of a multi-megabyte page).
    static func isClean(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let origin = buffer.baseAddress, buffer.count >= 1, buffer[buffer.count - 1] == UInt8(ascii: "\n"),
                buffer.count == 1 || buffer[buffer.count - 2] != UInt8(ascii: "\n"),
                memchr(origin, Int32(UInt8(ascii: "\r")), buffer.count) == nil
            else { return false }
            var start = 0
            while start < buffer.count {
                guard let found = memchr(origin + start, Int32(UInt8(ascii: "\n")), buffer.count - start) else { break }
                let end = UnsafeRawPointer(found) - UnsafeRawPointer(origin)
                if end > 0, buffer[end - 1] == UInt8(ascii: " ") || buffer[end - 1] == UInt8(ascii: "\t") { return false }
                start = end + 1
            }
            return true
        }
    }
}

/// Folder trees (with their placements) and recent rates, each slot written by one concurrent iteration.
private final class PrepBox: @unchecked Sendable {
    private var trees: [(DirectoryTree, FilePlacement)?]
    private var rates: [RecentRates?]
    private let lock = NSLock()

    init(count: Int) {
        trees = Array(repeating: nil, count: count)
        rates = Array(repeating: nil, count: count)
    }

    func set(tree: DirectoryTree, placement: FilePlacement, at index: Int) {
        lock.lock()
        trees[index] = (tree, placement)
        lock.unlock()
    }

    func set(rates value: RecentRates, at index: Int) {
        lock.lock()
        rates[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> (DirectoryTree, FilePlacement, RecentRates)? {
        lock.lock()
        defer { lock.unlock() }
        guard let (tree, placement) = trees[index], let rates = rates[index] else { return nil }
        return (tree, placement, rates)
    }
}

/// A folder tree handed to concurrent jobs, which only read it.
struct UncheckedTree: @unchecked Sendable {
    let tree: DirectoryTree
}

extension SiteRenderer {
    /// The sparklines a folder's listing rows already drew for its files, by file name.
    static func sparklines(of rows: ListingPage.Rows) -> [String: String] {
        Dictionary(rows.filter { !$0.entry.isDirectory }.map { ($0.entry.name, $0.entry.sparkline) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A directory's listing rows, built by the first of its two pages that needs them.
private final class LazyRows: @unchecked Sendable {
    private let build: () -> ListingPage.Rows
    private var built: ListingPage.Rows?
    private let lock = NSLock()

    init(_ build: @escaping () -> ListingPage.Rows) { self.build = build }

    var value: ListingPage.Rows {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let rows = build()
        built = rows
        return rows
    }
}

/// A directory node handed to concurrent jobs, which only read it.
private struct UncheckedNode: @unchecked Sendable {
    let node: DirectoryTree.Node
}

/// One page to render; independent of the others, so jobs run concurrently.
typealias Job = @Sendable () -> Result<SitePage, RendererError>

extension SiteRenderer {
    /// Everything a file section shows, added to its page's fingerprint without rendering it.
    static func addFileInputs(
        to key: inout PageKey, name: String, file: SourceFile, previous: SourceFile?, source: SourceText, producer: Producer,
        rates: [Double?]
    ) {
        key.add(name)
        key.add(file.displayPath)
        key.add(producer.rawValue)
        // Field by field (the struct's padding bytes are not defined), without an array per line.
        key.add(word: UInt64(file.lines.count))
        for line in file.lines {
            key.add(word: UInt64(bitPattern: line.hits))
            key.add(word: UInt64(UInt32(truncatingIfNeeded: line.number)) << 32 | UInt64(UInt32(bitPattern: line.branchesValid)))
            key.add(word: UInt64(UInt32(bitPattern: line.branchesCovered)))
        }
        for (line, targets) in file.missingBranches.sorted(by: { $0.key < $1.key }) {
            key.add(word: UInt64(bitPattern: Int64(line)))
            key.add(targets)
        }
        key.add(pod: NewlyUncovered.lines(current: file, previous: previous))
        key.add(pod: rates.map { $0 ?? -1 })
        switch source {
        case .lines(let lines): for line in lines { key.add(line) }
        case .unavailable(let reason): key.add("unavailable:" + reason)
        case .file(let path, let stamp):
            key.add(path)
            key.add(stamp)
        }
    }
}

extension TemplateSet {
    /// Renders a page model with a template into a cleaned page at `path`, unless the published
    /// site already holds it under the same key.
    func page(
        at path: String, _ model: Any, with name: String, key: String? = nil, published: [String: String] = [:]
    ) -> Result<SitePage, RendererError> {
        if let key, published[path] == key { return .success(SitePage(path: path, bytes: [], key: key, isReused: true)) }
        return Result { () throws(RendererError) in
            SitePage(path: path, bytes: SiteRenderer.clean(try render(model, with: name)), key: key)
        }
    }
}

/// Results written from concurrent jobs, each slot once.
private final class ResultBox: @unchecked Sendable {
    private var slots: [Result<SitePage, RendererError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<SitePage, RendererError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws(RendererError) -> [SitePage] {
        var pages: [SitePage] = []
        for slot in slots {
            switch slot {
            case .success(let page): pages.append(page)
            case .failure(let error): throw error
            case nil: continue
            }
        }
        return pages
    }
}
