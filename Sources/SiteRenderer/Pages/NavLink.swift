import Templating

/// A link in a row of choices (orders, filters, pages of a listing); the current one is not a link.
struct NavLink: Sendable {
    let text: String
    let link: String
    let isCurrent: Bool

    var templateValue: TemplateValue {
        .object(["text": .text(text), "link": .text(link), "isCurrent": .bool(isCurrent)])
    }
}

/// Listings over `rowsPerPage` rows are split into pages; each page's link says which rows it holds.
enum ListingPaging {
    static let rowsPerPage = 1_000

    /// The rows of each page: one page (maybe empty) for a short listing.
    static func pages(count: Int) -> [Range<Int>] {
        guard count > rowsPerPage else { return [0..<count] }
        return stride(from: 0, to: count, by: rowsPerPage).map { $0..<min($0 + rowsPerPage, count) }
    }

    /// "rows 1001–2000: api_1003.py – api_1999.py" for each page, linking to it (none for a single page).
    /// - Parameters:
    ///   - key: what the listing is sorted by, as text, for a row (its name, its rate …).
    ///   - link: the page's path, relative to the page the links are on.
    static func links(count: Int, current: Int, key: (Int) -> String, link: (Int) -> String) -> [NavLink] {
        let pages = pages(count: count)
        guard pages.count > 1 else { return [] }
        return pages.enumerated().map { index, rows in
            let first = key(rows.lowerBound)
            let last = key(rows.upperBound - 1)
            let text =
                "\(rows.lowerBound + 1)–\(rows.upperBound): " + (first == last ? first : "\(first) – \(last)")
            return NavLink(text: text, link: link(index + 1), isCurrent: index + 1 == current)
        }
    }
}

/// The way from the component to a folder (or a file's folder): every folder above it, at most
/// `shown` of them with the ones between left out, so a deep path never makes every page long.
enum Breadcrumbs {
    static let shown = 6

    struct Crumb: Sendable {
        let name: String
        /// Empty for the gap that stands for the folders left out.
        let link: String
    }

    static func of(folder: Int, in tree: DirectoryTree, component: String, root: String) -> [Crumb] {
        let chain = tree.lineage(of: folder)
        // The component, a gap, then the nearest folders.
        let kept: [Int?] = chain.count <= shown ? chain : [chain[0], nil] + chain.suffix(shown - 2)
        return kept.map { index in
            guard let index else { return Crumb(name: "…", link: "") }
            let folder = tree.folders[index]
            return Crumb(
                name: folder.parent == nil ? component : folder.name,
                link: root + SiteLayout.folder(component, slug: folder.slug))
        }
    }

    static func templateValue(_ crumbs: [Crumb]) -> TemplateValue {
        .list(
            crumbs.map {
                .object(["name": .text($0.name), "link": .text($0.link), "hasLink": .bool(!$0.link.isEmpty)])
            })
    }
}
