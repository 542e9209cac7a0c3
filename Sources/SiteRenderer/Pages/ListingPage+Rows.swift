import CoverageModel

extension ListingPage {
    /// The entries' rows as HTML, every text escaped as Mustache's `{{…}}` escapes it; the sparkline
    /// is our own SVG (its labels escaped where it is drawn). Each row is drawn once for both orders
    /// (`ListingPage.entry`): thousands of rows per large directory.
    var entriesHTML: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.html.count })
        for entry in entries { out.append(contentsOf: entry.html) }
        return out
    }
}

extension ListingPage {
    /// A fingerprint of everything the page is drawn from — the node's and its children's names,
    /// counts and recent rates — without drawing it, so an unchanged page costs a few hashes.
    static func inputKey(
        version: String, component: String, node: DirectoryTree.Node, worstFirst: Bool, rates: RecentRates, placement: FilePlacement
    ) -> PageKey {
        var key = PageKey()
        key.add(version)
        key.add(component)
        key.add(node.path)
        key.add(worstFirst ? "w" : "p")
        func add(_ name: String, _ path: String, _ counts: Counts) {
            key.add(name)
            for count in [counts.linesCovered, counts.linesValid, counts.branchesCovered, counts.branchesValid] {
                key.add(word: UInt64(bitPattern: Int64(count)))
            }
            var rateCount: UInt64 = 0
            rates.forEachRate(of: path) { rate in
                key.add(word: rate.bitPattern)
                rateCount += 1
            }
            key.add(word: rateCount)
        }
        add("", node.path, node.counts)
        for directory in node.directories.values.sorted(by: { $0.name < $1.name }) {
            add(directory.name + "/", directory.path, directory.counts)
        }
        for file in node.files {
            add(file.displayPath, file.displayPath, file.counts)
            // The page of the folder its link leads to.
            key.add(word: UInt64(placement.part(of: file.displayPath)))
        }
        return key
    }
}
