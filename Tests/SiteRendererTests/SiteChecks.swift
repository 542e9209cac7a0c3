import Foundation
import SiteRenderer

/// What `Scripts/check-site.sh` checks of links and ids, on rendered pages in memory: every id is
/// unique on its page, and every relative link leads to a page of the site and to an id on it.
enum SiteChecks {
    static func problems(in pages: [SitePage]) -> [String] {
        let html = pages.filter { $0.path.hasSuffix(".html") }
        var ids: [String: Set<String>] = [:]
        var problems: [String] = []
        for page in html {
            let found = matches(#"\bid="([^"]*)""#, in: page.contents)
            ids[page.path] = Set(found)
            if found.count != Set(found).count {
                let repeated = Dictionary(grouping: found, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                problems.append("\(page.path): ids used twice: \(repeated.prefix(5))")
            }
        }
        let paths = Set(pages.map(\.path))
        for page in html {
            for href in matches(#"\bhref="([^"]*)""#, in: page.contents) where !href.hasPrefix("http") {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page.path : resolve(parts[0], from: page.path)
                guard paths.contains(target) else {
                    problems.append("\(page.path): link \(href) leads to no page")
                    continue
                }
                if parts.count == 2, target.hasSuffix(".html"), !(ids[target]?.contains(parts[1]) ?? false) {
                    problems.append("\(page.path): link \(href) names no id of \(target)")
                }
            }
        }
        return problems
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// `../f/x.html` from `c/py/d/a.html` → `c/py/f/x.html`.
    static func resolve(_ link: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in link.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}
