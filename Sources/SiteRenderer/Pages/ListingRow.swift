import CoverageModel
import Formatting

/// The table rows of listings (a folder's contents, a component's flat list of files), written
/// straight into bytes: a large component has tens of thousands of rows. Every text from a report
/// is escaped exactly as `{{…}}` escapes it; the sparkline is our own SVG.
///
/// Columns: name, line coverage, lines covered / valid, missed lines, the missed line ranges (each
/// a link to its line on the file's page), branch coverage, and recent runs where given. The
/// coverage comes right after the name so it is on screen on a phone. Cells carry no classes the
/// stylesheet can do without (`table.files td` is right-aligned): a row is repeated a thousand
/// times on a page.
enum ListingRow {
    /// At most this many missed ranges in a row; the rest are one link to the file page's list.
    static let rangesShown = 8

    /// A file's row. `page` is the file page's link from the listing; `anchor` the row's id, if any.
    static func file(
        name: String, page: String, anchor: String?, counts: Counts, ranges: MissedRanges, sparkline: String?,
        levels: CoverageLevels, into out: inout ByteSink
    ) {
        out.append("<tr")
        if let anchor {
            out.append(#" id=""#)
            out.appendEscaped(anchor)
            out.append(#"""#)
        }
        out.append(#"><th scope="row" class="path"><a href=""#)
        out.appendEscaped(page)
        out.append(#"">"#)
        appendPath(name, into: &out)
        out.append("</a></th>")
        numbers(counts, levels: levels, into: &out)
        out.append(#"<td class="missing">"#)
        for (index, range) in ranges.ranges.prefix(rangesShown).enumerated() {
            if index > 0 { out.append(", ") }
            out.append(#"<a href=""#)
            out.appendEscaped(page)
            out.append("#L")
            out.appendDecimal(range.first)
            out.append(#"">"#)
            out.append(contentsOf: MissedRanges.text(range))
            out.append("</a>")
        }
        if ranges.ranges.count > rangesShown {
            out.append(#", <a href=""#)
            out.appendEscaped(page)
            out.append(##"#missed">"##)
            out.appendDecimal(ranges.ranges.count - rangesShown)
            out.append(" more</a>")
        }
        out.append("</td>")
        branches(counts, levels: levels, into: &out)
        if let sparkline {
            out.append("<td>")
            out.append(contentsOf: sparkline)
            out.append("</td>")
        }
        out.append("</tr>\n")
    }

    /// A folder's row (or a chain of folders shown as one, `src/com/example/`).
    static func folder(
        name: String, link: String, counts: Counts, sparkline: String?, levels: CoverageLevels, into out: inout ByteSink
    ) {
        out.append(#"<tr><th scope="row" class="path directory"><a href=""#)
        out.appendEscaped(link)
        out.append(#"">"#)
        appendPath(name + "/", into: &out)
        out.append("</a></th>")
        numbers(counts, levels: levels, into: &out)
        out.append(#"<td class="missing"></td>"#)
        branches(counts, levels: levels, into: &out)
        if let sparkline {
            out.append("<td>")
            out.append(contentsOf: sparkline)
            out.append("</td>")
        }
        out.append("</tr>\n")
    }

    /// A path escaped, with a line-break opportunity after each `/`: on a narrow screen a path
    /// wraps between its folders, never inside a name.
    static func appendPath(_ path: String, into out: inout ByteSink) {
        // Escaping leaves "/" where the path has it (no escape holds one): each run up to a "/" is
        // escaped straight into `out`, with no escaped copy of the whole path first.
        var path = path
        path.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
                out.appendEscaped(UnsafeBufferPointer(rebasing: bytes[start...index]))
                out.append("<wbr>")
                start = index + 1
            }
            out.appendEscaped(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// `appendPath` as a page model's bytes.
    static func pathHTML(_ path: String) -> [UInt8] {
        var sink = ByteSink(capacity: path.utf8.count + 32)
        appendPath(path, into: &sink)
        return sink.bytes()
    }

    /// Line coverage coloured, and its bar, by the component's levels (`CoverageLevels`).
    private static func numbers(_ counts: Counts, levels: CoverageLevels, into out: inout ByteSink) {
        out.append(#"<td class=""#)
        out.append(contentsOf: levels.cssClass(counts.lineRate, .line))
        out.append(#""><meter "#)
        levels.appendMeterAttributes(counts.lineRate, .line, to: &out)
        out.append(">")
        out.appendPercent(counts.lineRate)
        out.append("</meter> ")
        out.appendPercent(counts.lineRate)
        out.append("</td><td>")
        out.appendDecimal(counts.linesCovered)
        out.append(" / ")
        out.appendDecimal(counts.linesValid)
        out.append("</td><td>")
        out.appendDecimal(counts.linesMissed)
        out.append("</td>")
    }

    private static func branches(_ counts: Counts, levels: CoverageLevels, into out: inout ByteSink) {
        out.append("<td>")
        if counts.measuresBranches {
            out.append(#"<span class=""#)
            out.append(contentsOf: levels.cssClass(counts.branchRate, .branch))
            out.append(#"">"#)
            out.appendPercent(counts.branchRate)
            out.append("</span> ")
            out.appendDecimal(counts.branchesCovered)
            out.append(" / ")
            out.appendDecimal(counts.branchesValid)
        } else {
            out.append("n/a")
        }
        out.append("</td>")
    }

    /// The table head matching the rows.
    static func head(withRecentRuns: Bool) -> String {
        "<tr><th scope=\"col\">Name</th><th scope=\"col\">Line coverage</th><th scope=\"col\">Lines covered / "
            + "valid</th>"
            + "<th scope=\"col\">Missed</th><th scope=\"col\">Missing lines</th><th scope=\"col\">Branch coverage</th>"
            + (withRecentRuns ? "<th scope=\"col\">Recent runs</th>" : "") + "</tr>"
    }
}
