import CoverageModel

/// Where each page lives in the site, and how pages link to each other with relative URLs.
///
///     index.html, history.html, diagnostics.html, style.css, badge.svg, summary.json, summary.md
///     badges/<component>.svg
///     c/<component>/index.html (by path), c/<component>/worst.html (worst first)
///     c/<component>/d/<slug>.html, c/<component>/d/<slug>-worst.html   directories
///     c/<component>/f/<slug>.html                                        files
///
/// Component names are restricted to `[A-Za-z0-9._-]` by the CLI; file and directory paths come from
/// reports and may hold anything, so their pages are named by a sanitised slug plus a hash.
enum SiteLayout {
    static func componentIndex(_ component: String, worstFirst: Bool = false) -> String {
        "c/\(safe(component))/\(worstFirst ? "worst" : "index").html"
    }

    static func directory(_ component: String, _ path: String, worstFirst: Bool = false) -> String {
        if path.isEmpty { return componentIndex(component, worstFirst: worstFirst) }
        return "c/\(safe(component))/d/\(slug(path))\(worstFirst ? "-worst" : "").html"
    }

    static func file(_ component: String, _ path: String) -> String {
        "c/\(safe(component))/f/\(slug(path)).html"
    }

    static func badge(_ component: String) -> String { "badges/\(safe(component)).svg" }

    /// The prefix that leads from `page` back to the site root: "" or "../../".
    static func root(of page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// Readable, safe and unique: `src-pkg-mod.py-1a2b3c4d5e`.
    static func slug(_ path: String) -> String {
        let readable = path.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": Character(scalar)
            case ".": Character(".")
            default: "-"
            }
        }
        var text = String(readable.suffix(60))
        while text.hasPrefix(".") || text.hasPrefix("-") { text.removeFirst() }
        return (text.isEmpty ? "root" : text) + "-" + String(SHA256.hex(path).prefix(10))
    }

    private static func safe(_ component: String) -> String {
        let cleaned = String(component.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": Character(scalar)
            default: "-"
            }
        })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "c-" + cleaned : cleaned
    }
}
