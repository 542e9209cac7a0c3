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
        // Byte by byte: this runs for every link to every page.
        var readable: [UInt8] = []
        readable.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                readable.append(byte)
            default:
                // One dash per character, as before: skip UTF-8 continuation bytes.
                if byte & 0xC0 != 0x80 { readable.append(UInt8(ascii: "-")) }
            }
        }
        var tail = readable.suffix(60)
        while let first = tail.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "-") { tail = tail.dropFirst() }
        var key = PageKey()
        key.add(path)
        return (tail.isEmpty ? "root" : String(decoding: tail, as: UTF8.self)) + "-" + key.short
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
