import CoverageModel
import Templating

/// Every file of a component in one list, in one of four orders (path, line coverage, missed lines,
/// branch coverage), all files or only those not fully covered, a thousand rows per page: drawn in
/// advance, so sorting and filtering need no script.
struct FileListPage {
    let title: String
    /// The stale banner and the levels legend, as every page of the component has them.
    let look: ComponentLook
    let root: String
    let heading: String
    let summaryText: String
    let crumbs: [Breadcrumbs.Crumb]
    let orders: [NavLink]
    let filters: [NavLink]
    let pages: [NavLink]
    let rowsHTML: [UInt8]
    let hasEntries: Bool
    let emptyText: String

    init(context: ComponentContext, order: FileOrder, onlyIncomplete: Bool, page: Int, path: String) {
        look = context.look
        let component = context.name
        let tree = context.tree
        let root = SiteLayout.root(of: path)
        self.root = root
        let entries = context.entries(order, onlyIncomplete: onlyIncomplete)
        let kind = onlyIncomplete ? "files not fully covered" : "all files"
        title = "\(component) — \(kind), \(order.text)"
        heading = "\(component): \(kind), \(order.text)"
        let incomplete = context.incompleteOrders[0].count
        summaryText =
            "\(tree.entries.count) file\(tree.entries.count == 1 ? "" : "s"), \(incomplete) not fully covered."
        crumbs = context.crumbs(folder: 0, root: root)
        orders = FileOrder.allCases.map { other in
            NavLink(
                text: other.text,
                link: root + SiteLayout.fileList(component, order: other, onlyIncomplete: onlyIncomplete),
                isCurrent: other == order)
        }
        filters = [false, true].map { only in
            NavLink(
                text: only ? "only files not fully covered" : "all files",
                link: root + SiteLayout.fileList(component, order: order, onlyIncomplete: only),
                isCurrent: only == onlyIncomplete)
        }
        pages = ListingPaging.links(
            count: entries.count, current: page, key: { order.keyText(tree.entries[entries[$0]]) },
            link: { root + SiteLayout.fileList(component, order: order, onlyIncomplete: onlyIncomplete, page: $0) })
        let rows = ListingPaging.pages(count: entries.count)[page - 1]
        rowsHTML = context.listRows.markup(of: entries[rows])
        hasEntries = !entries.isEmpty
        emptyText = onlyIncomplete ? "Every file is fully covered." : "This component has no files."
    }

    /// Links to a component's flat lists, from the page at `path`: the four orders of all files,
    /// and the files not fully covered.
    static func links(component: String, from path: String) -> [NavLink] {
        let root = SiteLayout.root(of: path)
        return FileOrder.allCases.map { order in
            NavLink(
                text: order.text, link: root + SiteLayout.fileList(component, order: order, onlyIncomplete: false),
                isCurrent: false)
        } + [
            NavLink(
                text: "only files not fully covered",
                link: root + SiteLayout.fileList(component, order: .path, onlyIncomplete: true),
                isCurrent: false)
        ]
    }
}

extension FileListPage: TemplateModel {
    var templateValue: TemplateValue {
        let fields: TemplateObject = [
            "title": .text(title), "root": .text(root), "heading": .text(heading), "summaryText": .text(summaryText),
            "crumbs": Breadcrumbs.templateValue(crumbs), "orders": .list(orders.map(\.templateValue)),
            "filters": .list(filters.map(\.templateValue)), "pages": .list(pages.map(\.templateValue)),
            "hasPages": .bool(!pages.isEmpty), "tableHead": .text(ListingRow.head(withRecentRuns: false)),
            "rowsHTML": .utf8(rowsHTML), "hasEntries": .bool(hasEntries), "emptyText": .text(emptyText),
        ]
        return .object(fields.adding(look.templateFields))
    }
}
