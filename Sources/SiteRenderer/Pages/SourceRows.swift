import CoverageModel

/// The rows of a file's source table, written straight into bytes.
///
/// A 20 000-file site has about 470 000 rows; building a value per row and handing it to a template
/// was most of a large render's time, so the markup of a row lives here, next to `file.mustache`'s
/// table head. Every text from a report or a source file is escaped (`HTMLBytes.appendEscaped`).
struct SourceRows {
    let anchor: String
    let file: SourceFile
    /// Line numbers that became uncovered since the previous run, ascending.
    let newlyUncovered: [Int]
    let showsHits: Bool

    /// One row per source line, then measured lines the source does not have (a stale checkout,
    /// line 0, a producer's odd numbering); without source, one row per measured line.
    func html(source: [UInt8]?) -> String {
        var out = ByteSink(capacity: (source?.count ?? 0) * 2 + file.lines.count * 110 + 256)
        let pieces = Pieces(anchor: anchor)
        var measured = file.lines.makeIterator()
        var nextMeasured = measured.next()
        var newly = newlyUncovered.makeIterator()
        var nextNewly = newly.next()
        func take(_ number: Int) -> (LineCoverage?, Bool) {
            while let line = nextMeasured, line.number < number { nextMeasured = measured.next() }
            while let value = nextNewly, value < number { nextNewly = newly.next() }
            let line = nextMeasured.flatMap { $0.number == number ? $0 : nil }
            return (line, nextNewly == number)
        }
        guard let source else {
            for line in file.lines {
                let (_, isNew) = take(line.number)
                row(line.number, line: line, code: nil, isNew: isNew, pieces: pieces, into: &out)
            }
            return out.text()
        }
        var lineCount = 0
        source.withUnsafeBufferPointer { bytes in
            var start = 0
            var index = 0
            while start < bytes.count {
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                var end = index
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                lineCount += 1
                let (line, isNew) = take(lineCount)
                row(lineCount, line: line, code: UnsafeBufferPointer(rebasing: bytes[start..<end]), isNew: isNew, pieces: pieces,
                    into: &out)
                start = index + 1
            }
        }
        for line in file.lines where line.number < 1 || line.number > lineCount {
            row(line.number, line: line, code: nil, isNew: newlyUncovered.contains(line.number), pieces: pieces, into: &out)
        }
        return out.text()
    }

    /// The parts of a row that only depend on the file, escaped once.
    private struct Pieces {
        let rowStart: [UInt8]
        let linkStart: [UInt8]

        init(anchor: String) {
            var rowStart: [UInt8] = []
            rowStart.append(#"<tr id=""#)
            rowStart.appendEscaped(anchor)
            rowStart.append(":")
            self.rowStart = rowStart
            var linkStart: [UInt8] = []
            linkStart.append(##""><th><a href="#"##)
            linkStart.appendEscaped(anchor)
            linkStart.append(":")
            self.linkStart = linkStart
        }
    }

    /// `<tr id="f:a.py:12" class="missed"><th><a href="#f:a.py:12">12</a><td>missed<td>1/2 — …<td><code>…</code>`:
    /// end tags HTML makes optional are left out, and an unmeasured line has no class, which halves
    /// the bytes of a large site (writing them was a third of its render time).
    private func row(
        _ number: Int, line: LineCoverage?, code: UnsafeBufferPointer<UInt8>?, isNew: Bool, pieces: Pieces, into out: inout ByteSink
    ) {
        let state: StaticString
        switch line {
        case nil: state = ""
        case let line? where !line.isCovered: state = "missed"
        case let line? where line.isPartial: state = "partial"
        default: state = "covered"
        }
        out.append(pieces.rowStart)
        out.appendDecimal(number)
        if line != nil {
            out.append(#"" class=""#)
            out.append(state)
            if isNew { out.append(" newly-uncovered") }
        }
        out.append(pieces.linkStart)
        out.appendDecimal(number)
        out.append(#"">"#)
        out.appendDecimal(number)
        out.append("</a><td>")
        if isNew { out.append("became uncovered") } else if line?.isPartial == true { out.append("partly covered") } else { out.append(state) }
        if showsHits {
            out.append(#"<td class="num">"#)
            if let line { out.appendDecimal(line.hits) }
        }
        out.append("<td>")
        if let line, line.isBranch {
            out.appendDecimal(line.branchesCovered)
            out.append("/")
            out.appendDecimal(line.branchesValid)
            if line.branchesCovered < line.branchesValid, let missing = file.missingBranches[line.number] {
                var text: [UInt8] = []
                text.append(" — never jumped to ")
                var first = true
                for target in missing.split(separator: ",") {
                    if !first { text.append(", ") }
                    first = false
                    if target != "exit" { text.append("line ") }
                    text.appendEscaped(target.utf8)
                }
                out.append(text)
            }
        }
        out.append("<td><code>")
        if let code { out.appendEscapedSource(code) }
        out.append("</code>\n")
    }
}
