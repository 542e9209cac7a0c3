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
    func html(source: [UInt8]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((source?.count ?? 0) * 2 + file.lines.count * 160 + 256)
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
                row(line.number, line: line, code: nil, isNew: isNew, into: &out)
            }
            return out
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
                row(lineCount, line: line, code: UnsafeBufferPointer(rebasing: bytes[start..<end]), isNew: isNew, into: &out)
                start = index + 1
            }
        }
        for line in file.lines where line.number < 1 || line.number > lineCount {
            row(line.number, line: line, code: nil, isNew: newlyUncovered.contains(line.number), into: &out)
        }
        return out
    }

    private func row(_ number: Int, line: LineCoverage?, code: UnsafeBufferPointer<UInt8>?, isNew: Bool, into out: inout [UInt8]) {
        let state: StaticString
        let stateText: StaticString
        switch line {
        case nil: (state, stateText) = ("plain", "")
        case let line? where !line.isCovered: (state, stateText) = ("missed", "missed")
        case let line? where line.isPartial: (state, stateText) = ("partial", "partly covered")
        default: (state, stateText) = ("covered", "covered")
        }
        out.append(#"<tr id=""#)
        out.append(anchor)
        out.append(":")
        out.appendDecimal(number)
        out.append(#"" class=""#)
        out.append(state)
        if isNew { out.append(" newly-uncovered") }
        out.append(##""><th scope="row"><a href="#"##)
        out.append(anchor)
        out.append(":")
        out.appendDecimal(number)
        out.append(#"">"#)
        out.appendDecimal(number)
        out.append(#"</a></th><td class="state">"#)
        if isNew { out.append("became uncovered") } else { out.append(stateText) }
        out.append("</td>")
        if showsHits {
            out.append(#"<td class="num">"#)
            if let line { out.appendDecimal(line.hits) }
            out.append("</td>")
        }
        out.append(#"<td class="branch">"#)
        if let line, line.isBranch {
            out.appendDecimal(line.branchesCovered)
            out.append("/")
            out.appendDecimal(line.branchesValid)
            if line.branchesCovered < line.branchesValid, let missing = file.missingBranches[line.number] {
                out.append(" — never jumped to ")
                var first = true
                for target in missing.split(separator: ",") {
                    if !first { out.append(", ") }
                    first = false
                    if target != "exit" { out.append("line ") }
                    out.appendEscaped(target.utf8)
                }
            }
        }
        out.append(#"</td><td class="code"><code>"#)
        if let code { out.appendEscapedSource(code) }
        out.append("</code></td></tr>\n")
    }
}
