import CoverageModel

/// The parts of a component's pages that take longest to prepare, made before
/// `SiteRenderer.render` starts by threads that have their inputs earlier.
///
/// `SiteBuilder` builds the newest run's folder trees on the thread that decoded the run, and the
/// recent rates on its own thread once the history is read, while the other thread still builds
/// the trees: in a 20 000-file cron tick those were 60 ms and 18 ms of the critical path. A part is
/// used only for the very arrays it was made from (same storage), so a tree of another run, or of a
/// component drawn from an older run (stale), and rates over another history are never used.
public struct PreparedComponents: Sendable {
    private var trees: [(files: [SourceFile], tree: DirectoryTree)] = []
    private var rates: [(name: String, history: [RunSummary], rates: RecentRates)] = []

    public init() {}

    /// The folder tree of every component of `run` that has a report.
    public init(treesOf run: Run) {
        for component in run.components {
            guard let files = component.report?.files else { continue }
            trees.append((files, DirectoryTree(files: files)))
        }
    }

    /// The recent rates of each component named in `names`, over `history`.
    public init(ratesOf names: [String], over history: [RunSummary]) {
        rates = names.map { ($0, history, RecentRates(component: $0, history: history)) }
    }

    /// These parts and `other`'s.
    public func merging(_ other: PreparedComponents) -> PreparedComponents {
        var merged = self
        merged.trees += other.trees
        merged.rates += other.rates
        return merged
    }

    /// The tree built from `files`, when it was built from this same array.
    func tree(of files: [SourceFile]) -> DirectoryTree? {
        trees.first { Self.same($0.files, files) }?.tree
    }

    /// `component`'s rates over `history`, when they were computed over this same array.
    func rates(of component: String, history: [RunSummary]) -> RecentRates? {
        rates.first { $0.name == component && Self.same($0.history, history) }?.rates
    }

    /// Whether two arrays share their storage (and so their elements), without comparing elements.
    private static func same<Element>(_ left: [Element], _ right: [Element]) -> Bool {
        left.count == right.count
            && left.withUnsafeBufferPointer { $0.baseAddress } == right.withUnsafeBufferPointer { $0.baseAddress }
    }
}
