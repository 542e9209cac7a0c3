extension ListingPage {
    /// The entries' rows as HTML, every text escaped as Mustache's `{{…}}` escapes it; the sparkline
    /// is our own SVG (its labels escaped where it is drawn). Built in Swift for the same reason as
    /// `SourceRows`: thousands of rows per large directory.
    var entriesHTML: String {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 900)
        for entry in entries {
            out.append(#"<tr><th scope="row" class="path"#)
            if entry.isDirectory { out.append(" directory") }
            out.append(#""><a href=""#); out.appendEscaped(entry.link)
            out.append(#"">"#); out.appendEscaped(entry.name)
            out.append(#"</a></th><td class="num">"#); out.appendEscaped(entry.linesText)
            out.append(#"</td><td class="num">"#); out.appendEscaped(entry.missedText)
            out.append(#"</td><td class="num "#); out.appendEscaped(entry.lineLevel)
            out.append(#""><meter min="0" max="100" value=""#); out.appendEscaped(entry.lineRateValue)
            out.append(#"">"#); out.appendEscaped(entry.lineRateText)
            out.append("</meter> "); out.appendEscaped(entry.lineRateText)
            out.append(#"</td><td class="num">"#); out.appendEscaped(entry.branchesText)
            out.append(#"</td><td class="num">"#); out.appendEscaped(entry.branchRateText)
            out.append("</td><td>"); out.append(entry.sparkline)
            out.append("</td></tr>\n")
        }
        return String(decoding: out, as: UTF8.self)
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
