import Mustache

// Fields named directly for swift-mustache instead of Mirror reflection (see FilePage+Mustache).

extension ListingPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "root": root
        case "component": component
        case "pathText": pathText
        case "crumbs": crumbs
        case "totals": totals
        case "sparkline": sparkline
        case "isWorstFirst": isWorstFirst
        case "byPathLink": byPathLink
        case "worstFirstLink": worstFirstLink
        case "entries": entries
        case "entriesHTML": entriesHTML
        case "hasEntries": hasEntries
        default: nil
        }
    }
}

extension ListingPage {
    /// The entries' rows as HTML, every text escaped as Mustache's `{{…}}` escapes it; the sparkline
    /// is our own SVG (its labels escaped where it is drawn). Built in Swift for the same reason as
    /// `FilePage.rowsHTML`: thousands of rows per large directory.
    var entriesHTML: String {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 700)
        for entry in entries {
            out += Array(#"<tr><th scope="row" class="path"#.utf8)
            if entry.isDirectory { out += Array(" directory".utf8) }
            out += Array(#""><a href=""#.utf8); HTMLText.escape(entry.link, into: &out)
            out += Array(#"">"#.utf8); HTMLText.escape(entry.name, into: &out)
            out += Array(#"</a></th><td class="num">"#.utf8); HTMLText.escape(entry.linesText, into: &out)
            out += Array(#"</td><td class="num">"#.utf8); HTMLText.escape(entry.missedText, into: &out)
            out += Array(#"</td><td class="num "#.utf8); HTMLText.escape(entry.lineLevel, into: &out)
            out += Array(#""><meter min="0" max="100" value=""#.utf8); HTMLText.escape(entry.lineRateValue, into: &out)
            out += Array(#"">"#.utf8); HTMLText.escape(entry.lineRateText, into: &out)
            out += Array("</meter> ".utf8); HTMLText.escape(entry.lineRateText, into: &out)
            out += Array(#"</td><td class="num">"#.utf8); HTMLText.escape(entry.branchesText, into: &out)
            out += Array(#"</td><td class="num">"#.utf8); HTMLText.escape(entry.branchRateText, into: &out)
            out += Array("</td><td>".utf8); out += Array(entry.sparkline.utf8)
            out += Array("</td></tr>\n".utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension ListingPage.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "link": link
        case "isDirectory": isDirectory
        case "linesText": linesText
        case "missedText": missedText
        case "lineRateText": lineRateText
        case "lineRateValue": lineRateValue
        case "lineLevel": lineLevel
        case "branchesText": branchesText
        case "branchRateText": branchRateText
        case "sparkline": sparkline
        default: nil
        }
    }
}

extension ListingPage.Crumb: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "link": link
        default: nil
        }
    }
}

extension CountsText: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "linesText": linesText
        case "missedText": missedText
        case "lineRateText": lineRateText
        case "lineRateValue": lineRateValue
        case "lineLevel": lineLevel
        case "branchesText": branchesText
        case "branchRateText": branchRateText
        case "branchLevel": branchLevel
        default: nil
        }
    }
}

extension ListingPage {
    /// Everything the page shows, fingerprinted field by field (String(describing:) was a quarter of
    /// an incremental render).
    func key(version: String) -> String {
        var key = PageKey()
        for text in [version, title, root, pathText, sparkline, byPathLink, worstFirstLink, isWorstFirst ? "w" : "p"] {
            key.add(text)
        }
        for crumb in crumbs { key.add(crumb.name + "\u{0}" + crumb.link) }
        for text in [totals.linesText, totals.missedText, totals.lineRateText, totals.branchesText, totals.branchRateText] {
            key.add(text)
        }
        for entry in entries {
            for text in [entry.name, entry.link, entry.linesText, entry.missedText, entry.lineRateText, entry.branchesText,
                         entry.branchRateText, entry.sparkline] {
                key.add(text)
            }
        }
        return key.text
    }
}
