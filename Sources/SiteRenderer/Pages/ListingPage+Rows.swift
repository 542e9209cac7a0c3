extension ListingPage {
    /// The entries' rows as HTML, every text escaped as Mustache's `{{…}}` escapes it; the sparkline
    /// is our own SVG (its labels escaped where it is drawn). Each row is drawn once for both orders
    /// (`ListingPage.entry`): thousands of rows per large directory.
    var entriesHTML: String {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.html.utf8.count })
        for entry in entries { out.append(entry.html) }
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
        for entry in entries { key.add(entry.html) }
        return key.text
    }
}
