import CoverageModel
import Foundation

/// One file of the site, ready to be written: a relative path and its bytes.
public struct SitePage: Sendable, Equatable {
    public let path: String
    public let contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Turns a run into the pages of the site, through page models and Mustache templates.
public struct SiteRenderer: Sendable {
    private let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Renders every page of the site for `run`, the latest of `history` (oldest first).
    /// - Throws: `RendererError` when a template is missing.
    public func render(_ run: Run, history: [RunSummary] = []) throws(RendererError) -> [SitePage] {
        let overview = OverviewPage(run: run, history: history)
        return [
            SitePage(path: "index.html", contents: Self.clean(try templates.render(overview, with: "index"))),
            SitePage(path: "style.css", contents: Self.clean(try templates.asset("style.css"))),
        ]
    }

    /// UTF-8 text with `\n` endings, no trailing spaces, one trailing newline (STYLE.md §5).
    static func clean(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var line = line
                while line.last == " " || line.last == "\t" { line = line.dropLast() }
                return line
            }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
