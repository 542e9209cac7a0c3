/// More of a folder's files with their source, when they are too many for its by-path page
/// (`FilePlacement`): part 2, 3, … of the folder, with links between the parts.
struct FilePartPage {
    /// A link to one part of a folder's files; the current part has no link.
    struct Link {
        let text: String
        let link: String
        let isCurrent: Bool
    }

    let title: String
    let root: String
    let pathText: String
    let crumbs: [ListingPage.Crumb]
    let partText: String
    let parts: [Link]
    let files: [FileSection]
    let hasFiles: Bool
    /// The stale banner and the levels legend.
    let look: ComponentLook

    init(
        component: String, folder: DirectoryTree.Node, part: Int, count: Int, page: String, files: [FileSection],
        look: ComponentLook = ComponentLook(staleText: "", levels: .defaults)
    ) {
        self.look = look
        root = SiteLayout.root(of: page)
        pathText = folder.path.isEmpty ? "/" : folder.path
        title = "\(component) — \(pathText) — files, part \(part) of \(count)"
        crumbs = ListingPage.crumbs(component: component, node: folder, root: root)
        partText = "part \(part) of \(count)"
        parts = Self.links(component: component, folder: folder, count: count, current: part, root: root)
        self.files = files
        hasFiles = !files.isEmpty
    }

    /// "part 1 … part n", each linking to its page; empty when the folder's files fit on one page.
    static func links(component: String, folder: DirectoryTree.Node, count: Int, current: Int, root: String) -> [Link] {
        guard count > 1 else { return [] }
        return (1...count).map { part in
            Link(text: "part \(part)", link: root + SiteLayout.directory(component, folder, part: part), isCurrent: part == current)
        }
    }
}
