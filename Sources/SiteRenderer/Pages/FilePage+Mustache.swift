import Mustache

// swift-mustache finds fields through Mirror reflection by default, which cost ~10 ms per file page
// (20 000 pages: minutes). Naming the fields directly is the library's own fast path.

extension FilePage {
    /// The source table's rows as HTML, every text escaped as Mustache's `{{…}}` escapes it.
    ///
    /// The one place where markup is built in Swift rather than in a template: a 20 000-file site has
    /// about 470 000 rows, and Mustache's per-field lookups made them most of the render time.
    var rowsHTML: String {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 160)
        for row in rows {
            out += Array(#"<tr id=""#.utf8); HTMLText.escape(row.anchor, into: &out)
            out += Array(#"" class=""#.utf8); HTMLText.escape(row.state, into: &out)
            out += Array(##""><th scope="row"><a href="#"##.utf8); HTMLText.escape(row.anchor, into: &out)
            out += Array(#"">"#.utf8); HTMLText.escape(row.number, into: &out)
            out += Array(#"</a></th><td class="state">"#.utf8); HTMLText.escape(row.stateText, into: &out)
            out += Array("</td>".utf8)
            if showsHits {
                out += Array(#"<td class="num">"#.utf8); HTMLText.escape(row.hitsText, into: &out)
                out += Array("</td>".utf8)
            }
            out += Array(#"<td class="branch">"#.utf8); HTMLText.escape(row.branchText, into: &out)
            out += Array(#"</td><td class="code"><code>"#.utf8); HTMLText.escape(row.code, into: &out)
            out += Array("</code></td></tr>\n".utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// HTML escaping with exactly Mustache's replacements: `<`, `>`, `&`, `"`, `'`.
enum HTMLText {
    static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): out += [38, 108, 116, 59]  // &lt;
            case UInt8(ascii: ">"): out += [38, 103, 116, 59]  // &gt;
            case UInt8(ascii: "&"): out += [38, 97, 109, 112, 59]  // &amp;
            case UInt8(ascii: "\""): out += [38, 113, 117, 111, 116, 59]  // &quot;
            case UInt8(ascii: "'"): out += [38, 35, 51, 57, 59]  // &#39;
            default: out.append(byte)
            }
        }
    }
}

extension FilePage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "anchor": anchor
        case "state": state
        case "stateText": stateText
        case "hitsText": hitsText
        case "branchText": branchText
        case "code": code
        case "isNewlyUncovered": isNewlyUncovered
        default: nil
        }
    }
}

extension FilePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "root": root
        case "path": path
        case "crumbs": crumbs
        case "totals": totals
        case "sparkline": sparkline
        case "showsHits": showsHits
        case "hasSource": hasSource
        case "sourceNote": sourceNote
        case "newlyUncoveredText": newlyUncoveredText
        case "hasNewlyUncovered": hasNewlyUncovered
        case "rows": rows
        case "rowsHTML": rowsHTML
        default: nil
        }
    }
}
