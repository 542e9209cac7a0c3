import CoverageModel
import Templating

/// What a file page says when it has no source: why, where Tidemark looked, and the option that
/// would fix it.
struct SourceNote: Sendable {
    let reason: String
    /// The paths tried, as the user and the report wrote them.
    let tried: [String]
    let fixText: String
    let fixCommand: String

    init(
        file: SourceFile, component: String, reason: String, notFound: Bool, sourceRoot: String?,
        reportSources: [String]
    ) {
        self.reason = reason
        guard notFound else {
            tried = []
            fixText = ""
            fixCommand = ""
            return
        }
        let root = sourceRoot ?? "."
        func joined(_ base: String, _ name: String) -> String {
            name.hasPrefix("/") ? name : (base.hasSuffix("/") ? base : base + "/") + name
        }
        if let key = file.key {
            tried = [joined(root, key) + "  (the source root, then the file's path)"]
            fixText =
                "If the checkout is somewhere else, render with its folder as the source root, where DIR/\(key) is "
                + "this file:"
            fixCommand = "tidemark render --source-root \(component)=DIR …"
        } else {
            tried =
                [joined(root, file.name) + "  (the source root, then the report's name)"]
                + reportSources.map { joined($0, file.name) + "  (a <source> of the report)" }
            fixText =
                "Report paths are matched to files when a run is recorded: record it with the checkout that "
                + "holds this file as the source root (the path diagnostics page lists every file that did not match):"
            fixCommand = "tidemark generate --source-root \(component)=DIR …"
        }
    }

    var templateValue: TemplateValue {
        .object([
            "reason": .text(reason), "tried": .list(tried.map(TemplateValue.text)), "hasTried": .bool(!tried.isEmpty),
            "fixText": .text(fixText), "fixCommand": .text(fixCommand), "hasFix": .bool(!fixCommand.isEmpty),
        ])
    }
}

extension FilePage: TemplateModel {
    var templateValue: TemplateValue {
        func links(_ items: [LineLink]) -> TemplateValue {
            .list(items.map { .object(["text": .text($0.text), "link": .text($0.link)]) })
        }
        /// `<a href="#L20">20-27</a>, <a href="#L31">31</a>`
        func linkList(_ items: [LineLink]) -> TemplateValue {
            var out: [UInt8] = []
            for item in items {
                if !out.isEmpty { out.append(", ") }
                out.append(#"<a href=""#)
                out.appendEscaped(item.link)
                out.append(#"">"#)
                out.appendEscaped(item.text)
                out.append("</a>")
            }
            return .utf8(out)
        }
        /// A neighbouring file: its path wraps only after a `/`, as everywhere else.
        func neighbour(_ item: LineLink?) -> TemplateValue {
            guard let item else { return .bool(false) }
            return .object(["pathHTML": .utf8(ListingRow.pathHTML(item.text)), "link": .text(item.link)])
        }
        let fields: TemplateObject = [
            "title": .text(title), "root": .text(root), "crumbs": Breadcrumbs.templateValue(crumbs),
            "pathHTML": .utf8(pathHTML), "languageText": .text(languageText), "folderLink": .text(folderLink),
            "previous": neighbour(previous), "next": neighbour(next), "totals": totals.templateValue,
            "sparkline": .text(sparkline),
            "missedText": .text(missedText), "missedHTML": linkList(missed), "hasMissed": .bool(!missed.isEmpty),
            "partials": links(partials), "hasPartials": .bool(!partials.isEmpty),
            // A short list is open: partly covered branches are as much to do as missed lines.
            "partialsOpen": .bool(partials.count <= 8),
            "partialsText": .text("\(partials.count) partly covered line\(partials.count == 1 ? "" : "s")"),
            "functions": .list(
                functions.map { row in
                    .object([
                        "name": .text(row.name), "signature": .text(row.signature), "lineText": .text(row.lineText),
                        "link": .text(row.link), "hasLink": .bool(!row.link.isEmpty), "hitsText": .text(row.hitsText),
                        "linesText": .text(row.linesText), "isMissed": .bool(row.isMissed),
                    ])
                }),
            "hasFunctions": .bool(!functions.isEmpty), "hasMore": .bool(!functions.isEmpty || !partials.isEmpty),
            "functionsText": .text(functionsText),
            "newlyUncoveredText": .text(newlyUncoveredText), "newlyUncoveredHTML": linkList(newlyUncovered),
            "hasNewlyUncovered": .bool(!newlyUncovered.isEmpty), "showsHits": .bool(showsHits),
            "hasSource": .bool(hasSource), "sourceNote": sourceNote?.templateValue ?? .bool(false),
            "rowsHTML": .utf8(rowsHTML), "hasRows": .bool(!rowsHTML.isEmpty),
        ]
        return .object(fields.adding(look.templateFields))
    }
}
