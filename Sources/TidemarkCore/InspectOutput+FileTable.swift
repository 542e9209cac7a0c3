import Concurrency
import CoverageModel
import Formatting
import Foundation

extension InspectOutput {
    /// The per-file table of `inspect`: file, lines, missed, line %, branches, branch % — the file
    /// left-aligned, the numbers right-aligned, files by display path.
    ///
    /// Written as bytes in two passes (widths, then cells), with no string per cell: a report of
    /// 20 000 files is a table of 20 000 rows.
    static func fileTable(_ files: [SourceFile]) -> String {
        let paths = files.map(\.displayPath)
        let isSorted = !zip(paths, paths.dropFirst()).contains(where: { $1 < $0 })
        let order = isSorted ? Array(files.indices) : files.indices.sorted { paths[$0] < paths[$1] }
        let header = ["file", "lines", "missed", "line %", "branches", "branch %"]
        var widths = header.map(\.count)
        let pathWidths = paths.map(Self.displayWidth)
        let counts = files.map(\.counts)
        for (counts, pathWidth) in zip(counts, pathWidths) {
            widths[0] = max(widths[0], pathWidth)
            widths[1] = max(widths[1], Cell.ratioWidth(counts.linesCovered, counts.linesValid))
            widths[2] = max(widths[2], Cell.digits(counts.linesMissed))
            widths[3] = max(widths[3], Cell.percentWidth(counts.lineRate))
            if counts.measuresBranches {
                widths[4] = max(widths[4], Cell.ratioWidth(counts.branchesCovered, counts.branchesValid))
            }
            widths[5] = max(widths[5], Cell.percentWidth(counts.branchRate))
        }
        let rowBytes = widths.reduce(0, +) + 2 * widths.count + 1
        var head = Cell(out: [])
        head.text(header[0], width: header[0].count, padTo: widths[0], left: true)
        for column in 1..<header.count { head.text(header[column], width: header[column].count, padTo: widths[column]) }
        head.endRow()
        // Rows in parts, on every core for big tables: 20 000 rows took 30 ms on one.
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, order.count / 4_096))
        let made = Slots<[UInt8]>(count: parts)
        let widthsNow = widths
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var row = Cell(out: [])
            let range = order.count * part / parts..<order.count * (part + 1) / parts
            row.out.reserveCapacity(rowBytes * range.count)
            for index in order[range] {
                let counts = counts[index]
                row.text(paths[index], width: pathWidths[index], padTo: widthsNow[0], left: true)
                row.ratio(counts.linesCovered, counts.linesValid, padTo: widthsNow[1])
                row.number(counts.linesMissed, padTo: widthsNow[2])
                row.percent(counts.lineRate, padTo: widthsNow[3])
                if counts.measuresBranches {
                    row.ratio(counts.branchesCovered, counts.branchesValid, padTo: widthsNow[4])
                } else {
                    row.text("-", width: 1, padTo: widthsNow[4])
                }
                row.percent(counts.branchRate, padTo: widthsNow[5])
                row.endRow()
            }
            made.set(part, row.out)
        }
        var out = head.out
        out.reserveCapacity(rowBytes * (files.count + 1))
        for part in made.all { out.append(contentsOf: part ?? []) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Columns count characters, as a terminal shows them; ASCII paths need no counting.
    private static func displayWidth(_ text: String) -> Int {
        // Scanned as one buffer: the UTF-8 view's own iterator costs more than the table's digits.
        let isASCII = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        return isASCII ? text.utf8.count : text.count
    }

    /// Appends the cells of a row: two spaces before each, padded to the column's width.
    private struct Cell {
        var out: [UInt8]

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
        static func percentWidth(_ rate: Double?) -> Int {
            guard let rate else { return 3 }
            let tenths = DisplayFormat.tenthsOfPercent(rate)
            return (tenths < 0 ? 1 : 0) + digits(Int(tenths.magnitude / 10)) + 3
        }

        mutating func text(_ text: String, width: Int, padTo column: Int, left: Bool = false) {
            pad(left ? 2 : 2 + column - width)
            out.append(contentsOf: text.utf8)
            if left { pad(column - width) }
        }

        mutating func number(_ value: Int, padTo column: Int) {
            pad(2 + column - Self.digits(value))
            append(value)
        }

        mutating func ratio(_ covered: Int, _ valid: Int, padTo column: Int) {
            pad(2 + column - Self.ratioWidth(covered, valid))
            append(covered)
            out.append(UInt8(ascii: "/"))
            append(valid)
        }

        mutating func percent(_ rate: Double?, padTo column: Int) {
            pad(2 + column - Self.percentWidth(rate))
            guard let rate else {
                out.append(contentsOf: "n/a".utf8)
                return
            }
            // As `DisplayFormat.percent`: a minus sign (U+2212, one column), then the magnitude.
            let tenths = DisplayFormat.tenthsOfPercent(rate)
            if tenths < 0 { out.append(contentsOf: "\u{2212}".utf8) }
            append(Int(tenths.magnitude / 10))
            out.append(UInt8(ascii: "."))
            append(Int(tenths.magnitude % 10))
            out.append(UInt8(ascii: "%"))
        }

        mutating func endRow() { out.append(UInt8(ascii: "\n")) }

        private mutating func pad(_ count: Int) {
            for _ in 0..<max(0, count) { out.append(UInt8(ascii: " ")) }
        }

        private mutating func append(_ value: Int) { out.appendDecimal(value) }
    }
}
