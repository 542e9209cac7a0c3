import CoverageModel
import Formatting
import Foundation
import SyntaxHighlight

/// The rows of a file page's source table, written straight into bytes.
///
/// A 20 000-file site has about half a million rows; building a value per row and handing it to a
/// template was most of a large render's time, so the markup of a row lives here, next to
/// `partials/source.mustache`'s table head. Every text from a report or a source file is escaped
/// (`ByteSink.appendEscapedSource`, `HTMLBytes.appendEscaped`).
///
/// A row: `<tr id="L12" class="missed"><th><a href="#L12">12</a><td class="mk">✗<td><code>…</code>`
/// (end tags HTML makes optional are left out). The mark (✓ covered, ◐ partly covered, ✗ missed)
/// says the state without colour; the first row of each missed block links to the next block
/// (the last to the list of missed lines), so misses are one click apart without a script. Branch
/// details sit in a `<details>` after the code instead of a column of their own.
struct SourceRows {
    let file: SourceFile
    /// Line numbers that became uncovered since the previous run, ascending.
    let newlyUncovered: [Int]
    let showsHits: Bool
    let ranges: MissedRanges
    let language: Language?

    /// One row per source line, then measured lines the source does not have (a stale checkout,
    /// line 0, a producer's odd numbering).
    func html(source: [UInt8]) -> [UInt8] {
        // Room for what rows usually take (about twice the source, and a measured line's marks and
        // branch details), so that the buffer is not copied to grow: untouched room costs nothing.
        var out = ByteSink(capacity: source.count * 4 + file.lines.count * 200 + 4096)
        let starts = ranges.ranges.map(\.first)
        file.lines.withUnsafeBufferPointer { lines in
            newlyUncovered.withUnsafeBufferPointer { newly in
                var writer = RowWriter(
                    showsHits: showsHits, missing: file.missingBranches, blockStarts: starts,
                    highlighter: language.map { Highlighter(language: $0) })
                source.withUnsafeBufferPointer { writer.rows(source: $0, lines: lines, newly: newly, into: &out) }
            }
        }
        return out.bytes()
    }

    /// Without source: a row per missed block and per partly covered line, in line order; each
    /// row's id is its first line, so every link to a missed range still lands.
    func htmlWithoutSource() -> [UInt8] {
        var out = ByteSink(capacity: (ranges.ranges.count + 8) * 160)
        var writer = RowWriter(
            showsHits: false, missing: file.missingBranches, blockStarts: ranges.ranges.map(\.first), highlighter: nil)
        var nextRange = 0
        let partials = file.lines.filter(\.isPartial)
        var nextPartial = 0
        while nextRange < ranges.ranges.count || nextPartial < partials.count {
            let range = nextRange < ranges.ranges.count ? ranges.ranges[nextRange] : nil
            if let range, nextPartial >= partials.count || range.first <= partials[nextPartial].number {
                let missed = file.lines.filter { $0.number >= range.first && $0.number <= range.last && !$0.isCovered }
                    .count
                writer.summaryRow(first: range.first, last: range.last, missed: missed, into: &out)
                nextRange += 1
            } else {
                writer.partialRow(partials[nextPartial], into: &out)
                nextPartial += 1
            }
        }
        return out.bytes()
    }
}
