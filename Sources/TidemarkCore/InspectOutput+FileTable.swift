import Concurrency
import CoverageModel
import Formatting
import Foundation

extension InspectOutput {
    /// The per-file table of `inspect`: file, lines, missed, line %, branches, branch % — the file
    /// left-aligned, the numbers right-aligned, files by display path.
    ///
    /// Written as bytes in two passes (widths, then cells), padding included, with no string per
    /// cell: a report of 20 000 files is a table of 20 000 rows. Both passes run in parts of at least
    /// `partSize` files on every core (`TablePart`): the paths were made on the parse's two threads
    /// and are cold in this core's cache, and reading 20 000 of them in turn was most of the table's
    /// time while the other core idled (docs/performance.md).
    /// - Parameters:
    ///   - head: the text before the table.
    ///   - partSize: the fewest files a part holds (tests make it tiny).
    ///   - cores: the most parts (tests make more than this machine has).
    static func fileTable(
        _ files: [SourceFile], after head: String, partSize: Int = 2_048,
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> String {
        let partCount = max(1, min(cores, files.count / max(partSize, 1)))
        return files.withUnsafeBufferPointer { fileTable(SharedFiles(files: $0), after: head, partCount: partCount) }
    }

    private static func fileTable(_ shared: SharedFiles, after head: String, partCount: Int) -> String {
        let files = shared.files
        let count = files.count
        let ranges = (0..<partCount).map { count * $0 / partCount..<count * ($0 + 1) / partCount }
        let measured = Slots<TablePart>(count: partCount)
        DispatchQueue.concurrentPerform(iterations: partCount) { part in
            measured.set(part, TablePart(shared.files, range: ranges[part]))
        }
        let parts = measured.all.map { $0! }
        let header = ["file", "lines", "missed", "line %", "branches", "branch %"]
        let widths = parts.reduce(header.map(\.count)) { widths, part in zip(widths, part.widths).map { max($0, $1) } }
        let rowBytes = widths.reduce(header.count * 2 + 1, +)
        var top = ByteSink(capacity: head.utf8.count + rowBytes * (partCount > 1 ? 1 : count + 1))
        top.append(contentsOf: head)
        top.cell(header[0], width: header[0].count, padTo: widths[0], left: true)
        for column in 1..<header.count { top.cell(header[column], width: header[column].count, padTo: widths[column]) }
        top.append(UInt8(ascii: "\n"))
        let inOrder =
            parts.allSatisfy(\.isSorted)
            && parts.indices.dropFirst().allSatisfy {
                !TablePart.less(parts[$0], 0, parts[$0 - 1], parts[$0 - 1].rows.count - 1, files)
            }
        guard inOrder else {
            for index in files.indices.sorted(by: { files[$0].displayPath < files[$1].displayPath }) {
                let part = ranges.firstIndex { $0.contains(index) }!
                parts[part].write(index - ranges[part].lowerBound, widths: widths, into: &top)
            }
            return top.text()
        }
        guard partCount > 1 else {
            parts[0].writeRows(widths: widths, into: &top)
            return top.text()
        }
        // Each part's rows on a core of its own, joined once into the text.
        let written = Slots<[UInt8]>(count: partCount)
        DispatchQueue.concurrentPerform(iterations: partCount) { part in
            var sink = ByteSink(capacity: parts[part].rows.count * rowBytes + parts[part].extraBytes)
            parts[part].writeRows(widths: widths, into: &sink)
            written.set(part, sink.bytes())
        }
        return joined([top.bytes()] + written.all.map { $0 ?? [] })
    }

    /// The pieces one after another, as text (valid UTF-8 each), copied on every core.
    private static func joined(_ pieces: [[UInt8]]) -> String {
        let starts = pieces.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        return String(unsafeUninitializedCapacity: starts.last!) { buffer in
            let target = SharedBytes(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
                pieces[index].withUnsafeBufferPointer { piece in
                    guard let base = piece.baseAddress else { return }
                    target.buffer.baseAddress!.advanced(by: starts[index]).update(from: base, count: piece.count)
                }
            }
            return starts.last!
        }
    }

    /// The text being joined, each piece of which is written by one task only.
    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<UInt8>
    }

    /// The files of a report, read (never written) by the parts of `fileTable`.
    private struct SharedFiles: @unchecked Sendable {
        let files: UnsafeBufferPointer<SourceFile>
    }

    /// A contiguous part of the table's files: their display paths copied once into one buffer by a
    /// loop that only reads each path in place (reading it through a copy of its file retained the
    /// file's name and lines too: atomic operations on objects cold in this core's cache, which the
    /// next file's read cannot overlap), their rows, and the widths those rows need.
    fileprivate struct TablePart: Sendable {
        private var bytes: [UInt8] = []
        /// Where each path starts in `bytes`, and the end of the last.
        private var starts: [Int] = []
        private(set) var rows: [Row] = []
        private(set) var widths = [Int](repeating: 0, count: 6)
        /// Bytes the part's rows take beyond one per column (paths with multi-byte characters).
        private(set) var extraBytes = 0
        /// Whether the part's paths are in order.
        private(set) var isSorted = true
        /// Whether every path is ASCII: one column per byte, and byte order is `String` order.
        private var isASCII = true
        /// The index in the report of the part's first file.
        private let first: Int

        init(_ files: UnsafeBufferPointer<SourceFile>, range: Range<Int>) {
            first = range.lowerBound
            starts.reserveCapacity(range.count + 1)
            var total = 0
            for index in range {
                starts.append(total)
                total += files[index].key?.utf8.count ?? files[index].name.utf8.count
            }
            starts.append(total)
            extraBytes = total
            var high: UInt8 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
                for index in range {
                    let local = index - range.lowerBound
                    let target = UnsafeMutableBufferPointer(rebasing: buffer[starts[local]..<starts[local + 1]])
                    high |= Self.copy(files[index].key ?? files[index].name, into: target)
                }
                initialized = total
            }
            isASCII = high < 0x80
            rows.reserveCapacity(range.count)
            for index in range {
                let row = Row(counts: files[index].counts, pathWidth: width(index - range.lowerBound))
                widths[0] = max(widths[0], row.pathWidth)
                widths[1] = max(widths[1], Row.ratioWidth(row.counts.linesCovered, row.counts.linesValid))
                widths[2] = max(widths[2], Row.digits(row.counts.linesMissed))
                widths[3] = max(widths[3], Row.percentWidth(row.lineTenths))
                if row.counts.measuresBranches {
                    widths[4] = max(widths[4], Row.ratioWidth(row.counts.branchesCovered, row.counts.branchesValid))
                }
                widths[5] = max(widths[5], Row.percentWidth(row.branchTenths))
                rows.append(row)
                extraBytes -= row.pathWidth
            }
            let part = self
            isSorted = rows.indices.dropFirst().allSatisfy { !Self.less(part, $0, part, $0 - 1, files) }
        }

        /// The path copied into `target` (as long as it); the bits of every byte, or-ed.
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

        func withBytes<Result>(_ local: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[local]..<starts[local + 1]])) }
        }

        /// Columns count characters, as a terminal shows them.
        private func width(_ local: Int) -> Int {
            isASCII ? starts[local + 1] - starts[local] : withBytes(local) { String(decoding: $0, as: UTF8.self).count }
        }

        /// Whether path `a` of part `x` sorts before path `b` of part `y`, as `String`s do.
        static func less(
            _ x: TablePart, _ a: Int, _ y: TablePart, _ b: Int, _ files: UnsafeBufferPointer<SourceFile>
        ) -> Bool {
            guard x.isASCII, y.isASCII else { return files[x.first + a].displayPath < files[y.first + b].displayPath }
            return x.withBytes(a) { a in y.withBytes(b) { b in a.lexicographicallyPrecedes(b) } }
        }

        /// Every row of the part, in order (read through `self`: a loop over `parts[i].write` copied
        /// the part, retaining its arrays, for each row).
        func writeRows(widths: [Int], into out: inout ByteSink) {
            for local in rows.indices { write(local, widths: widths, into: &out) }
        }

        /// Row `local` of the part, its cells padded to `widths`.
        func write(_ local: Int, widths: [Int], into out: inout ByteSink) {
            let row = rows[local]
            out.pad(2)
            withBytes(local) { out.append($0) }
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

    /// What a file's row shows, with its rates rounded once for both passes.
    fileprivate struct Row: Sendable {
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
