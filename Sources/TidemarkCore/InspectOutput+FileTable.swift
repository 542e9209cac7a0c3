import CoverageModel
import Formatting
import Foundation

extension InspectOutput {
    /// The per-file table of `inspect`: file, lines, missed, line %, branches, branch % — the file
    /// left-aligned, the numbers right-aligned, files by display path.
    ///
    /// Written as bytes in two passes (widths, then cells) into one `ByteSink`, padding included,
    /// with no string per cell: a report of 20 000 files is a table of 20 000 rows. With its padding
    /// appended a byte at a time to an `Array`, and a copy of each `SourceFile` in the widths pass,
    /// the table took about 10 ms of that report's `inspect`; it takes about 8 now, most of it the
    /// first reading of 20 000 strings made on the parse's other thread (docs/performance.md).
    static func fileTable(_ files: [SourceFile], into out: inout ByteSink) {
        let paths = files.map(\.displayPath)
        let isSorted = !zip(paths, paths.dropFirst()).contains(where: { $1 < $0 })
        let order = isSorted ? Array(files.indices) : files.indices.sorted { paths[$0] < paths[$1] }
        let header = ["file", "lines", "missed", "line %", "branches", "branch %"]
        var widths = header.map(\.count)
        var rows: [Row] = []
        rows.reserveCapacity(files.count)
        // By index: a copy of each `SourceFile` would retain its lines and names, 20 000 cold objects.
        for index in files.indices {
            let row = Row(counts: files[index].counts, pathWidth: Self.displayWidth(paths[index]))
            widths[0] = max(widths[0], row.pathWidth)
            widths[1] = max(widths[1], Row.ratioWidth(row.counts.linesCovered, row.counts.linesValid))
            widths[2] = max(widths[2], Row.digits(row.counts.linesMissed))
            widths[3] = max(widths[3], Row.percentWidth(row.lineTenths))
            if row.counts.measuresBranches {
                widths[4] = max(widths[4], Row.ratioWidth(row.counts.branchesCovered, row.counts.branchesValid))
            }
            widths[5] = max(widths[5], Row.percentWidth(row.branchTenths))
            rows.append(row)
        }
        out.cell(header[0], width: header[0].count, padTo: widths[0], left: true)
        for column in 1..<header.count { out.cell(header[column], width: header[column].count, padTo: widths[column]) }
        out.append(UInt8(ascii: "\n"))
        for index in order {
            let row = rows[index]
            out.cell(paths[index], width: row.pathWidth, padTo: widths[0], left: true)
            out.ratioCell(row.counts.linesCovered, row.counts.linesValid, padTo: widths[1])
            out.pad(2 + widths[2] - Row.digits(row.counts.linesMissed))
            out.appendDecimal(row.counts.linesMissed)
            out.percentCell(row.lineTenths, padTo: widths[3])
            if row.counts.measuresBranches {
                out.ratioCell(row.counts.branchesCovered, row.counts.branchesValid, padTo: widths[4])
            } else {
                out.cell("-", width: 1, padTo: widths[4])
            }
            out.percentCell(row.branchTenths, padTo: widths[5])
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Columns count characters, as a terminal shows them; ASCII paths need no counting.
    private static func displayWidth(_ text: String) -> Int {
        // Scanned as one buffer: the UTF-8 view's own iterator costs more than the table's digits.
        let isASCII = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        return isASCII ? text.utf8.count : text.count
    }

    /// What a file's row shows, with its rates rounded once for both passes.
    fileprivate struct Row {
        let counts: Counts
        let pathWidth: Int
        /// `DisplayFormat.tenthsOfPercent` of each rate; nil shows `n/a`.
        let lineTenths: Int?
        let branchTenths: Int?

        init(counts: Counts, pathWidth: Int) {
            self.counts = counts
            self.pathWidth = pathWidth
            lineTenths = counts.lineRate.map(DisplayFormat.tenthsOfPercent)
            branchTenths = counts.branchRate.map(DisplayFormat.tenthsOfPercent)
        }

        static func digits(_ value: Int) -> Int {
            var count = value < 0 ? 2 : 1
            var rest = value.magnitude
            while rest >= 10 {
                rest /= 10
                count += 1
            }
            return count
        }

        static func ratioWidth(_ covered: Int, _ valid: Int) -> Int { digits(covered) + 1 + digits(valid) }

        /// `n/a`, or `DisplayFormat.percent`'s `12.3%`.
        static func percentWidth(_ tenths: Int?) -> Int {
            guard let tenths else { return 3 }
            return (tenths < 0 ? 1 : 0) + digits(Int(tenths.magnitude / 10)) + 3
        }
    }
}

/// The cells of `inspect`'s table: two spaces before each, padded to the column's width.
extension ByteSink {
    fileprivate mutating func pad(_ count: Int) { append(repeating: UInt8(ascii: " "), count: count) }

    fileprivate mutating func cell(_ text: String, width: Int, padTo column: Int, left: Bool = false) {
        pad(left ? 2 : 2 + column - width)
        append(contentsOf: text)
        if left { pad(column - width) }
    }

    fileprivate mutating func ratioCell(_ covered: Int, _ valid: Int, padTo column: Int) {
        pad(2 + column - InspectOutput.Row.ratioWidth(covered, valid))
        appendDecimal(covered)
        append(UInt8(ascii: "/"))
        appendDecimal(valid)
    }

    /// As `DisplayFormat.percent`: a minus sign (U+2212, one column), then the magnitude.
    fileprivate mutating func percentCell(_ tenths: Int?, padTo column: Int) {
        pad(2 + column - InspectOutput.Row.percentWidth(tenths))
        guard let tenths else { return append("n/a") }
        if tenths < 0 { append("\u{2212}") }
        appendDecimal(tenths.magnitude / 10)
        append(UInt8(ascii: "."))
        appendDecimal(tenths.magnitude % 10)
        append(UInt8(ascii: "%"))
    }
}
