import CoverageModel
import Formatting
import Foundation

extension InspectOutput {
    /// The per-file table of `inspect`: file, lines, missed, line %, branches, branch % — the file
    /// left-aligned, the numbers right-aligned, files by display path.
    ///
    /// Written as bytes in two passes (widths, then cells) into one `ByteSink`, padding included,
    /// with no string per cell: a report of 20 000 files is a table of 20 000 rows. Its paths are read
    /// once, into `PathBytes`; most of the table's time is that first reading of 20 000 strings made
    /// on the parse's other thread (docs/performance.md).
    static func fileTable(_ files: [SourceFile], into out: inout ByteSink) {
        files.withUnsafeBufferPointer { fileTable($0, into: &out) }
    }

    private static func fileTable(_ files: UnsafeBufferPointer<SourceFile>, into out: inout ByteSink) {
        let paths = PathBytes(files)
        let order =
            paths.isSorted
            ? Array(files.indices) : files.indices.sorted { files[$0].displayPath < files[$1].displayPath }
        let header = ["file", "lines", "missed", "line %", "branches", "branch %"]
        var widths = header.map(\.count)
        var rows: [Row] = []
        rows.reserveCapacity(files.count)
        for index in files.indices {
            let row = Row(counts: files[index].counts, pathWidth: paths.width(index))
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
            out.pad(2)
            paths.withBytes(index) { out.append($0) }
            out.pad(widths[0] - row.pathWidth)
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

    /// Every file's display path, copied once into one buffer by a loop that only reads each path in
    /// place. Reading a path through a copy of it retains the string: an atomic operation on an
    /// object made on the parse's other thread and cold in this core's cache, which the next file's
    /// read cannot overlap. For 20 000 files that was most of the table's time (docs/performance.md).
    fileprivate struct PathBytes {
        private var bytes: [UInt8] = []
        /// Where each path starts in `bytes`, and the end of the last.
        private var starts: [Int] = []
        private(set) var isSorted = true
        /// Whether every path is ASCII: one column per byte, and byte order is `String` order.
        private var isASCII = true

        init(_ files: UnsafeBufferPointer<SourceFile>) {
            starts.reserveCapacity(files.count + 1)
            var total = 0
            for index in files.indices {
                starts.append(total)
                total += files[index].key?.utf8.count ?? files[index].name.utf8.count
            }
            starts.append(total)
            var high: UInt8 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
                for index in files.indices {
                    let target = UnsafeMutableBufferPointer(rebasing: buffer[starts[index]..<starts[index + 1]])
                    high |= Self.copy(files[index], into: target)
                }
                initialized = total
            }
            isASCII = high < 0x80
            isSorted = files.indices.dropFirst().allSatisfy { !less($0, $0 - 1, files) }
        }

        /// The file's display path copied into `target` (as long as it); the bits of every byte, or-ed.
        private static func copy(_ file: SourceFile, into target: UnsafeMutableBufferPointer<UInt8>) -> UInt8 {
            if let key = file.key { return copy(key, into: target) }
            return copy(file.name, into: target)
        }

        private static func copy(_ text: String, into target: UnsafeMutableBufferPointer<UInt8>) -> UInt8 {
            func copy(_ source: UnsafeBufferPointer<UInt8>) -> UInt8 {
                var high: UInt8 = 0
                for (offset, byte) in source.enumerated() {
                    target[offset] = byte
                    high |= byte
                }
                return high
            }
            // A string without contiguous UTF-8 (none that Tidemark makes) through a copy.
            return text.utf8.withContiguousStorageIfAvailable(copy) ?? Array(text.utf8).withUnsafeBufferPointer(copy)
        }

        func withBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[index]..<starts[index + 1]])) }
        }

        /// Columns count characters, as a terminal shows them.
        func width(_ index: Int) -> Int {
            isASCII ? starts[index + 1] - starts[index] : withBytes(index) { String(decoding: $0, as: UTF8.self).count }
        }

        /// Whether path `a` sorts before path `b`, as `String`s do.
        private func less(_ a: Int, _ b: Int, _ files: UnsafeBufferPointer<SourceFile>) -> Bool {
            guard isASCII else { return files[a].displayPath < files[b].displayPath }
            return withBytes(a) { a in withBytes(b) { b in a.lexicographicallyPrecedes(b) } }
        }
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
