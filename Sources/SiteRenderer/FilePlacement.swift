import CoverageModel

/// Which page of its folder shows each file's source.
///
/// A folder's files are shown on its by-path page, in path order, until about `rowsPerPage` source
/// rows; the rest continue on the folder's part pages (`…-p2.html`, `…-p3.html`), so a folder of
/// hundreds of large files never becomes one page of tens of megabytes. Rows are estimated from the
/// report alone (the highest measured line number), so a file's page does not move when only its
/// source text changes.
struct FilePlacement: Sendable {
    static let rowsPerPage = 25_000

    /// Each folder's files by part (part 1 first), by the folder's `DirectoryTree` path.
    private var parts: [String: [[SourceFile]]] = [:]
    /// The part of every file beyond part 1, by display path.
    private var partOfFile: [String: Int] = [:]

    init(tree: DirectoryTree) {
        for node in [tree.root] + tree.root.descendants {
            var packed: [[SourceFile]] = [[]]
            var rows = 0
            for file in node.files {
                let estimate = max(file.lines.last?.number ?? 0, file.lines.count)
                if !(packed.last?.isEmpty ?? true), rows + estimate > Self.rowsPerPage {
                    packed.append([])
                    rows = 0
                }
                packed[packed.count - 1].append(file)
                rows += estimate
                if packed.count > 1 { partOfFile[file.displayPath] = packed.count }
            }
            parts[node.path] = packed
        }
    }

    /// The folder's files, part by part; `[[]]` for a folder without files of its own.
    func parts(ofFolder folder: String) -> [[SourceFile]] { parts[folder] ?? [[]] }

    /// The part (1, 2, …) of the folder's pages that shows the file.
    func part(of path: String) -> Int { partOfFile[path] ?? 1 }
}
