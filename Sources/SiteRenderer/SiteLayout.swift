import CoverageModel

/// Where each page lives in the site, and how pages link to each other with relative URLs.
///
///     index.html, history.html, alerts.html, diagnostics.html, style.css, badge.svg, summary.json, summary.md
///     badges/<component>.svg
///     c/<component>/index.html, c/<component>/worst.html           the component's folder tree, by path / worst first
///     c/<component>/d/<slug>.html, c/<component>/d/<slug>-worst.html  one folder of it
///     <listing>-p2.html, -p3.html …                                    later pages of a listing over
///                                                                      `ListingPaging.rowsPerPage` rows
///     c/<component>/files.html, files-by-coverage.html, files-by-missed.html, files-by-branches.html
///                                                                      every file of the component, four orders
///     c/<component>/files-missing.html, files-missing-by-….html        the same, only files not fully covered
///     c/<component>/f/<slug>.html                                      one source file
///     <folder listing>#f:<name>                                        a file's row (the URL of its section before
///                                                                      files had pages of their own)
///
/// Component names come from the command line (`NamedPath.isValidName`: Unicode letters and digits,
/// `.`, `_`, `-`); a name that is not plain ASCII gets a hash of itself in its folder name, so `é` and
/// `ü` get two folders. File and folder paths come from reports and may hold anything, so their
/// pages are named by a sanitised slug plus a hash (`slug(_:)`).
enum SiteLayout {
    static func componentIndex(_ component: String, worstFirst: Bool = false, page: Int = 1) -> String {
        "c/" + safe(component) + (worstFirst ? "/worst" : "/index") + pageSuffix(page) + ".html"
    }

    /// A folder's listing page (`slug` from `DirectoryTree.Folder`; "" is the component's root).
    static func folder(_ component: String, slug: String, worstFirst: Bool = false, page: Int = 1) -> String {
        if slug.isEmpty { return componentIndex(component, worstFirst: worstFirst, page: page) }
        return "c/" + safe(component) + "/d/" + slug + (worstFirst ? "-worst" : "") + pageSuffix(page) + ".html"
    }

    /// A source file's page (`slug` from `DirectoryTree.Entry`).
    static func filePage(_ component: String, slug: String) -> String {
        filePage(inFolder: filePagesFolder(component), slug: slug)
    }

    /// The folder of a component's file pages, `c/<component>/f/`, for `filePage(inFolder:slug:)`.
    static func filePagesFolder(_ component: String) -> String { "c/" + safe(component) + "/f/" }

    /// A source file's page in `folder` (`filePagesFolder`), made as one string: a render makes
    /// one per file, and four appends were two allocations and 1 800 instructions each.
    static func filePage(inFolder folder: String, slug: String) -> String {
        withBytes(of: folder) { folder in
            withBytes(of: slug) { slug in
                String(unsafeUninitializedCapacity: folder.count + slug.count + 5) { page in
                    var end = UnsafeMutableBufferPointer(rebasing: page[...]).initialize(from: folder).1
                    end = UnsafeMutableBufferPointer(rebasing: page[end...]).initialize(from: slug).1 + end
                    for byte in ".html".utf8 {
                        page[end] = byte
                        end += 1
                    }
                    return end
                }
            }
        }
    }

    /// A file's page by its display path, for pages drawn without the component's tree (the overview):
    /// the slug a file gets when no other file of its component has the same one.
    static func filePage(_ component: String, path: String) -> String { filePage(component, slug: fileSlug(path)) }

    /// A file page's name: the file's name (its last 40 safe characters) and a hash of its whole
    /// path, `tides.py-276ce54ec5`. The folders are in the page's breadcrumbs; leaving them out of the
    /// name keeps every link to the page short, and listings carry a thousand rows of such links.
    static func fileSlug(_ path: String) -> String {
        withBytes(of: path) { bytes in
            let name = nameRange(in: bytes)
            return slug(readable: UnsafeBufferPointer(rebasing: bytes[name]), keeping: 40, or: "file", hashing: bytes)
        }
    }

    /// One page of a component's flat list of files.
    static func fileList(_ component: String, order: FileOrder, onlyIncomplete: Bool, page: Int = 1) -> String {
        "c/" + safe(component) + "/files" + (onlyIncomplete ? "-missing" : "") + order.pageSuffix + pageSuffix(page)
            + ".html"
    }

    /// The id of a file's row on its folder's listing: `f:` and the name when it is plain
    /// (`f:util.py`), else its slug, so links made before files had pages still land on the file.
    static func fileAnchor(_ name: String) -> String {
        withBytes(of: name) { bytes in
            guard !bytes.isEmpty, bytes.allSatisfy(isSafe) else { return "f:" + slug(name) }
            return String(unsafeUninitializedCapacity: bytes.count + 2) { anchor in
                anchor[0] = UInt8(ascii: "f")
                anchor[1] = UInt8(ascii: ":")
                _ = UnsafeMutableBufferPointer(rebasing: anchor[2...]).initialize(from: bytes)
                return bytes.count + 2
            }
        }
    }

    static func badge(_ component: String) -> String { "badges/" + safe(component) + ".svg" }

    private static func pageSuffix(_ page: Int) -> String { page > 1 ? "-p\(page)" : "" }

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

    /// From a page of a component (`c/<component>/…`) to the component's own folder: "" or "../".
    static func componentFolder(of page: String) -> String {
        page.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) } > 2 ? "../" : ""
    }

    /// A page of a component, as linked from another page of the same component (`componentFolder`).
    static func withinComponent(_ path: String) -> Substring {
        // "c/<component>/" is dropped: the component's folder name holds no "/".
        var slashes = 0
        for index in path.utf8.indices where path.utf8[index] == UInt8(ascii: "/") {
            slashes += 1
            if slashes == 2 { return path[path.utf8.index(after: index)...] }
        }
        return Substring(path)
    }

    /// The last part of a file's path (`pkg/mod.py` → `mod.py`), trailing slashes ignored; a path of
    /// slashes only is its own name. By bytes: splitting the path walked characters, for every file.
    static func fileName(_ path: String) -> String {
        withBytes(of: path) { bytes in
            let name = nameRange(in: bytes)
            guard !name.isEmpty, name.count < bytes.count else { return path }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)
        }
    }

    /// Where `fileName` is in a path's bytes: after the last `/` but for trailing ones; empty when
    /// the path is nothing but `/`.
    private static func nameRange(in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard end > 0 else { return 0..<bytes.count }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return start..<end
    }

    /// `body` of a string's UTF-8 bytes, in place when the string is native.
    private static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = text
        return text.withUTF8(body)
    }

    /// Readable, safe and unique: `src-pkg-mod.py-1a2b3c4d5e`.
    static func slug(_ path: String) -> String {
        withBytes(of: path) { slug(readable: $0, keeping: 60, or: "root", hashing: $0) }
    }

    /// The last `count` safe characters of `text` (others as one `-` each, no leading `.` or `-`),
    /// or `fallback` when none are left, then `-` and ten hex digits of a hash of `hashed`.
    private static func slug(
        readable text: UnsafeBufferPointer<UInt8>, keeping count: Int, or fallback: StaticString,
        hashing hashed: UnsafeBufferPointer<UInt8>
    ) -> String {
        // Byte by byte from the end, into one buffer and one string: this runs for every file and
        // folder. Of the text's last `count * 4` bytes, each safe byte is kept and each other
        // character becomes one `-` (UTF-8 continuation bytes are skipped), until `count` are kept.
        var key = PageKey()
        key.add(UnsafeRawBufferPointer(hashed))
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { kept in
            var start = count
            var index = text.count
            let floor = max(0, text.count - count * 4)
            while index > floor, start > 0 {
                index -= 1
                let byte = text[index]
                if isSafe(byte) {
                    start -= 1
                    kept[start] = byte
                } else if byte & 0xC0 != 0x80 {
                    start -= 1
                    kept[start] = UInt8(ascii: "-")
                }
            }
            while start < count, kept[start] == UInt8(ascii: ".") || kept[start] == UInt8(ascii: "-") { start += 1 }
            let readable = start < count ? UnsafeBufferPointer(rebasing: kept[start..<count]) : nil
            let shown = readable?.count ?? fallback.utf8CodeUnitCount
            return String(unsafeUninitializedCapacity: shown + 11) { slug in
                _ = UnsafeMutableBufferPointer(rebasing: slug[..<shown]).initialize(
                    from: readable ?? UnsafeBufferPointer(start: fallback.utf8Start, count: shown))
                slug[shown] = UInt8(ascii: "-")
                key.writeShort(into: UnsafeMutableBufferPointer(rebasing: slug[(shown + 1)...]))
                return shown + 11
            }
        }
    }

    /// A component's folder name: the name itself when it is plain ASCII, else a readable part and
    /// a hash of the name, so distinct names never share a folder.
    static func safe(_ component: String) -> String {
        let isPlain = component.utf8.first != UInt8(ascii: ".") && component.utf8.allSatisfy(isSafe)
        if isPlain, !component.isEmpty { return component }
        let cleaned = String(
            component.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": Character(scalar)
                default: "-"
                }
            })
        var key = PageKey()
        key.add(component)
        return (cleaned.isEmpty || cleaned.hasPrefix(".") ? "c-" + cleaned : cleaned) + "-" + key.short
    }

    /// `[A-Za-z0-9._-]`: the bytes kept as they are in page names and anchors.
    static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
