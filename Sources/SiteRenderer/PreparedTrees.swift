import CoverageModel

/// Folder trees built before `SiteRenderer.render` starts, by a thread that has the run earlier.
///
/// `SiteBuilder` builds them right after decoding the newest run, while its own thread writes the
/// history file: a 20 000-file tree takes 60 ms, which were on a cron tick's critical path. A tree
/// is used only for a report whose files are the very array it was built from, so a tree of another
/// run, or of a component drawn from an older run (stale), is never used by mistake.
public struct PreparedTrees: Sendable {
    private let built: [(files: [SourceFile], tree: DirectoryTree)]

    /// The trees of every component of `run` that has a report.
    public init(run: Run) {
        built = run.components.compactMap { component in
            component.report.map { ($0.files, DirectoryTree(files: $0.files)) }
        }
    }

    /// The tree built from `files`, when it was built from this same array (same storage).
    func tree(of files: [SourceFile]) -> DirectoryTree? {
        let storage = files.withUnsafeBufferPointer { $0.baseAddress }
        return built.first { entry in
            entry.files.count == files.count && entry.files.withUnsafeBufferPointer { $0.baseAddress } == storage
        }?.tree
    }
}
