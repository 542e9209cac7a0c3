import CoverageModel
import Foundation

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
        var out = ByteSink(capacity: (source?.count ?? 0) * 2 + file.lines.count * 110 + 256)
        var rowStart: [UInt8] = []
        rowStart.append(#"<tr id=""#)
        rowStart.appendEscaped(anchor)
        rowStart.append(":")
        var linkStart: [UInt8] = []
        linkStart.append(##""><th><a href="#"##)
        linkStart.appendEscaped(anchor)
        linkStart.append(":")
        // Raw buffers for the loop: no reference counting per row.
        rowStart.withUnsafeBytes { rowStart in
            linkStart.withUnsafeBytes { linkStart in
                file.lines.withUnsafeBufferPointer { lines in
                    newlyUncovered.withUnsafeBufferPointer { newly in
                        let writer = RowWriter(
                            rowStart: rowStart, linkStart: linkStart, showsHits: showsHits, missing: file.missingBranches)
                        if let source {
                            source.withUnsafeBufferPointer { writer.rows(source: $0, lines: lines, newly: newly, into: &out) }
                        } else {
                            var nextNew = 0
                            for line in lines {
                                while nextNew < newly.count, newly[nextNew] < line.number { nextNew += 1 }
                                let isNew = nextNew < newly.count && newly[nextNew] == line.number
                                writer.row(line.number, line: line, code: nil, isNew: isNew, into: &out)
                            }
                        }
                    }
                }
            }
        }
        return out.bytes()
    }
}

/// Writes rows; everything it holds stays valid for the loop (raw buffers, a dictionary read rarely).
private struct RowWriter {
    let rowStart: UnsafeRawBufferPointer
    let linkStart: UnsafeRawBufferPointer
    let showsHits: Bool
    let missing: [Int: String]

    /// A row per source line, walking the measured lines and newly uncovered numbers alongside.
    func rows(
        source: UnsafeBufferPointer<UInt8>, lines: UnsafeBufferPointer<LineCoverage>, newly: UnsafeBufferPointer<Int>,
        into out: inout ByteSink
    ) {
        guard let origin = source.baseAddress else { return extra(lines, lineCount: 0, newly: newly, into: &out) }
        var start = 0
        var number = 0
        var nextLine = 0
        var nextNew = 0
        while start < source.count {
            let end = memchr(origin + start, Int32(UInt8(ascii: "\n")), source.count - start)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(origin) } ?? source.count
            var stop = end
            if stop > start, source[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            number += 1
            while nextLine < lines.count, lines[nextLine].number < number { nextLine += 1 }
            while nextNew < newly.count, newly[nextNew] < number { nextNew += 1 }
            let line = nextLine < lines.count && lines[nextLine].number == number ? lines[nextLine] : nil
            let isNew = nextNew < newly.count && newly[nextNew] == number
            row(number, line: line, code: UnsafeBufferPointer(rebasing: source[start..<stop]), isNew: isNew, into: &out)
            start = end + 1
        }
        extra(lines, lineCount: number, newly: newly, into: &out)
    }

    /// Measured lines outside the source's line range.
    private func extra(
        _ lines: UnsafeBufferPointer<LineCoverage>, lineCount: Int, newly: UnsafeBufferPointer<Int>, into out: inout ByteSink
    ) {
        for line in lines where line.number < 1 || line.number > lineCount {
            row(line.number, line: line, code: nil, isNew: newly.contains(line.number), into: &out)
        }
    }

    /// `<tr id="f:a.py:12" class="missed"><th><a href="#f:a.py:12">12</a><td>missed<td>1/2 — …<td><code>…</code>`:
    /// end tags HTML makes optional are left out, and an unmeasured line has no class, which halves
    /// the bytes of a large site (writing them was a third of its render time).
    func row(_ number: Int, line: LineCoverage?, code: UnsafeBufferPointer<UInt8>?, isNew: Bool, into out: inout ByteSink) {
        let state: StaticString
        switch line {
        case nil: state = ""
        case let line? where !line.isCovered: state = "missed"
        case let line? where line.isPartial: state = "partial"
        default: state = "covered"
        }
        out.append(rowStart)
        // The number is formatted once and copied for the link and its text.
        let numberStart = out.written
        out.appendDecimal(number)
        let numberLength = out.written - numberStart
        if line != nil {
            out.append(#"" class=""#)
            out.append(state)
            if isNew { out.append(" newly-uncovered") }
        }
        out.append(linkStart)
        out.appendCopy(from: numberStart, count: numberLength)
        out.append(#"">"#)
        out.appendCopy(from: numberStart, count: numberLength)
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
            if line.branchesCovered < line.branchesValid, let targets = missing[line.number] {
                var text: [UInt8] = []
                text.append(" — never jumped to ")
                var first = true
                for target in targets.utf8.split(separator: UInt8(ascii: ",")) {
                    if !first { text.append(", ") }
                    first = false
                    if !target.elementsEqual("exit".utf8) { text.append("line ") }
                    text.appendEscaped(Substring(target))
                }
                out.append(text)
            }
        }
        out.append("<td><code>")
        if let code { out.appendEscapedSource(code) }
        out.append("</code>\n")
    }
}
