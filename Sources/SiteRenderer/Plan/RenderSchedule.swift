import Concurrency
import Formatting
import Foundation

/// A piece of work for one core: draws (or reuses) one or more pages into a `PageSink`. Jobs are
/// independent of each other, so they run on all cores in any order.
/// Its errors are `RendererError`s (closures with typed throws crash the Swift 6.3 compiler here).
typealias RenderJob = @Sendable (inout PageSink) throws -> Void

/// Where a job's pages go. A page whose fingerprint the published site already has at the same
/// path is reused, not drawn; any other is drawn and cleaned. With a stage, each page is written
/// (or kept as published) as soon as it is ready, and kept without its bytes.
struct PageSink {
    let published: [String: String]
    let stage: SiteStage?
    private(set) var pages: [SitePage] = []

    /// One page: `key` is its fingerprint (`PageFingerprint`), nil for a page drawn every time.
    mutating func page(_ path: String, key: PageKey?, draw: () throws -> [UInt8]) throws {
        let page: SitePage
        // A reused page keeps the published key's string (the same text), made once when the
        // manifest was read.
        if let key, let known = published[path], key.matches(known) {
            page = SitePage(path: path, bytes: [], key: known, isReused: true)
        } else {
            page = SitePage(path: path, bytes: PageBytes.clean(try draw()), key: key?.text)
        }
        try put(page)
    }

    /// A page made outside a template (style.css, summary.json, badges), or one `page` made.
    mutating func put(_ page: SitePage) throws(RendererError) {
        if let stage { try stage.put(page) }
        pages.append(stage == nil ? page : page.withoutBytes)
    }
}

/// Runs jobs on all cores and gathers their pages; the first error wins. The order of the result
/// does not depend on scheduling (the renderer sorts it by path).
enum RenderSchedule {
    /// Runs `tasks` (work that makes no page, such as preparing a component) and then `jobs`,
    /// handed out to cores in that order.
    static func run(
        _ jobs: [RenderJob], alongside tasks: [@Sendable () -> Void] = [], published: [String: String],
        stage: SiteStage?
    ) throws(RendererError) -> [SitePage] {
        let results = Slots<Result<[SitePage], RendererError>>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: tasks.count + jobs.count) { index in
            guard index >= tasks.count else { return tasks[index]() }
            results.set(index - tasks.count, draw(jobs[index - tasks.count], published: published, stage: stage))
        }
        // Each job's pages moved, not copied, into one list (23 600 pages of three references each).
        var pages: [SitePage] = []
        for index in jobs.indices {
            switch results.take(index) {
            case .success(var made): pages.append(moving: &made, leaving: .placeholder)
            case .failure(let error): throw error
            case nil: continue
            }
        }
        return pages
    }

    /// Runs `job` on the calling thread.
    static func runHere(_ job: RenderJob, published: [String: String], stage: SiteStage?) throws(RendererError)
        -> [SitePage]
    {
        try draw(job, published: published, stage: stage).get()
    }

    private static func draw(_ job: RenderJob, published: [String: String], stage: SiteStage?) -> Result<
        [SitePage], RendererError
    > {
        var sink = PageSink(published: published, stage: stage)
        do {
            try job(&sink)
            return .success(sink.pages)
        } catch let error as RendererError {
            return .failure(error)
        } catch {
            return .failure(.cannotWrite(path: "", reason: "\(error)"))
        }
    }
}
