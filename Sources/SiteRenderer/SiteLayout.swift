import CoverageModel

/// Where each page lives in the site, and how pages link to each other with relative URLs.
///
///     index.html, history.html, diagnostics.html, style.css, badge.svg, summary.json, summary.md
///     badges/<component>.svg
///     c/<component>/index.html (by path), c/<component>/worst.html (worst first)
///     c/<component>/d/<slug>.html, c/<component>/d/<slug>-worst.html   directories
///     c/<component>/d/<slug>-p2.html, c/<component>/index-p2.html        more of a folder's files
///     <directory page>#f:<name>                                          files
///
/// A file's annotated source is a section of its directory's by-path page, not a page of its own:
/// a 20 000-file project then writes about 4 000 pages instead of 24 000, and creating files was
/// most of a large render's time on an ordinary disk (Scripts/bench-render.sh).
/// Component names are restricted to `[A-Za-z0-9._-]` by the CLI; file and directory paths come from
/// reports and may hold anything, so their pages are named by a sanitised slug plus a hash.
enum SiteLayout {
    static func componentIndex(_ component: String, worstFirst: Bool = false, part: Int = 1) -> String {
        "c/\(safe(component))/\(worstFirst ? "worst" : "index")\(part > 1 ? "-p\(part)" : "").html"
    }

    /// A folder's page: by path (part 1 holds the first files' sources, parts 2… the rest, see
    /// `FilePlacement`), or worst first.
    static func directory(_ component: String, _ path: String, worstFirst: Bool = false, part: Int = 1) -> String {
        if path.isEmpty { return componentIndex(component, worstFirst: worstFirst, part: part) }
        return "c/\(safe(component))/d/\(slug(path))\(worstFirst ? "-worst" : "")\(part > 1 ? "-p\(part)" : "").html"
    }

    /// `directory(_:_:worstFirst:part:)` for a node of a component's tree, with its slug made once.
    static func directory(_ component: String, _ node: DirectoryTree.Node, worstFirst: Bool = false, part: Int = 1) -> String {
        if node.path.isEmpty { return componentIndex(component, worstFirst: worstFirst, part: part) }
        return "c/" + safe(component) + "/d/" + node.slug + (worstFirst ? "-worst" : "") + (part > 1 ? "-p\(part)" : "") + ".html"
    }

    /// The link to a file's section: the page of its folder that shows it (`part`, from
    /// `FilePlacement`) and the section's anchor.
    static func file(_ component: String, _ path: String, part: Int = 1) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let folder = parts.dropLast().joined(separator: "/")
        return Self.directory(component, folder, part: part) + "#" + fileAnchor(parts.last.map(String.init) ?? path)
    }

    /// The id of a file's section on its directory page: `f:` and the name when it is plain
    /// (`f:util.py`), else its slug. Line ids add `:<number>`; no other id on a page starts with `f:`.
    static func fileAnchor(_ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.allSatisfy(isSafe)
        return "f:" + (plain ? name : slug(name))
    }

    static func badge(_ component: String) -> String { "badges/\(safe(component)).svg" }

    /// The prefix that leads from `page` back to the site root: "" or "../../".
    static func root(of page: String) -> String {
        // Folders are the parts before the last, empty ones left out (as splitting on "/" would).
        var depth = 0
        var previous = UInt8(ascii: "/")
        for byte in page.utf8 {
            if byte == UInt8(ascii: "/"), previous != UInt8(ascii: "/") { depth += 1 }
            previous = byte
        }
        if previous == UInt8(ascii: "/"), depth > 0 { depth -= 1 }
        return String(repeating: "../", count: depth)
    }

    /// The last part of a file's path (`pkg/mod.py` → `mod.py`), trailing slashes ignored; a path of
    /// slashes only is its own name. By bytes: splitting the path walked characters, for every file.
    static func fileName(_ path: String) -> String {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        guard end > utf8.startIndex else { return path }
        let start = utf8[..<end].lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        return String(path[start..<end])
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
        let isPlain = component.utf8.first != UInt8(ascii: ".") && component.utf8.allSatisfy(isSafe)
        if isPlain, !component.isEmpty { return component }
        let cleaned = String(component.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": Character(scalar)
            default: "-"
            }
        })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "c-" + cleaned : cleaned
    }

    /// `[A-Za-z0-9._-]`: the bytes kept as they are in page names and anchors.
    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
