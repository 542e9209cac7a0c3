import CoverageModel

/// Collects the lines of one file across every `<class>` that names it.
///
/// Lines usually arrive in ascending order, so they are appended; only when a number repeats or
/// goes backwards (gocover's one class per receiver, AltCover's repeated lines) are they sorted and
/// merged — at the end, or as soon as they outgrow twice what the last merge kept, so a report that
/// repeats a few lines millions of times needs memory for the distinct lines only.
final class FileAccumulator {
    let name: String
    private(set) var lines: [LineCoverage] = []
    /// The `<method>` entries of every class that names this file.
    private(set) var functions: [FunctionCoverage] = []
    /// The file as finished when its first class ended (`finishEarly`); dropped if another class names it.
    private var finished: SourceFile?
    /// Whether a second class named this file: it is then finished only at the end, once.
    private var isRepeated = false
    /// coverage.py's missing-branches with the branch counts of the `<line>` that carried them, so
    /// they follow that entry when a line is merged.
    private var missing: [(line: LineCoverage, targets: String)] = []
    private var needsMerge = false
    /// Whether some lines were merged already (here or in a batch): missing-branches must then be
    /// matched against the merged lines at the end.
    private var wasMerged = false
    private var lastNumber = Int.min
    private var mergeAt = LineMerging.firstMerge

    init(name: String) {
        self.name = name
    }

    /// Adds one class's lines in a single copy.
    func append(_ batch: LineBatch) {
        dropFinished()
        guard let first = batch.lines.first, let last = batch.lines.last else { return }
        if !batch.isAscending || first.number <= lastNumber { needsMerge = true }
        if batch.wasMerged { wasMerged = true }
        lastNumber = max(lastNumber, last.number)
        lines.append(contentsOf: batch.lines)
        missing.append(contentsOf: batch.missing)
        mergeIfDue()
    }

    /// Adds what `later` collected of the same file from classes after this one's (a split parse's
    /// second part), as if those classes had been appended here. Merging takes maxima, so merging
    /// its lines with this file's gives what appending them one class at a time would.
    func absorb(_ later: FileAccumulator) {
        dropFinished()
        guard let first = later.lines.first else {
            functions.append(contentsOf: later.functions)
            return
        }
        if later.needsMerge || first.number <= lastNumber { needsMerge = true }
        if later.wasMerged { wasMerged = true }
        lastNumber = max(lastNumber, later.lastNumber)
        lines.append(contentsOf: later.lines)
        missing.append(contentsOf: later.missing)
        functions.append(contentsOf: later.functions)
        mergeIfDue()
    }

    /// Merges repeated numbers once the lines outgrow twice what the last merge kept.
    private func mergeIfDue() {
        guard needsMerge, lines.count >= mergeAt else { return }
        LineMerging.merge(&lines, missing: &missing)
        mergeAt = max(LineMerging.firstMerge, lines.count * 2)
        needsMerge = false
        wasMerged = true
        lastNumber = lines.last?.number ?? Int.min
    }

    /// Adds a function entry of one of its classes.
    func add(_ function: FunctionCoverage) {
        dropFinished()
        functions.append(function)
    }

    /// Called as the class that named this file first ends: the file is finished now, on the thread
    /// that replays the parse (docs/performance.md), and kept unless another class names it later.
    func finishEarly() {
        guard !isRepeated, finished == nil else { return }
        finished = finish()
    }

    private func dropFinished() {
        if finished != nil {
            finished = nil
            isRepeated = true
        }
    }

    /// `finish()`, moving the file finished early out instead of copying it (a copy retained each of
    /// its four references, for each of 20 000 files, after the parse). Called once, at the end.
    func take() -> SourceFile {
        finished.take() ?? finish()
    }

    /// The file, its lines sorted by number, each number once (docs/counting.md, rule 5).
    func finish() -> SourceFile {
        if let finished { return finished }
        if needsMerge {
            LineMerging.merge(&lines, missing: &missing)
            wasMerged = true
            needsMerge = false
            lastNumber = lines.last?.number ?? Int.min
        }
        var missingByLine: [Int: String] = [:]
        missingByLine.reserveCapacity(missing.count)
        for entry in missing {
            // Without merging every entry stands; otherwise keep the targets of the winning entry.
            if wasMerged {
                guard let kept = Self.line(entry.line.number, in: lines),
                    kept.branchesValid == entry.line.branchesValid, kept.branchesCovered == entry.line.branchesCovered
                else { continue }
            }
            missingByLine[entry.line.number] = entry.targets
        }
        return SourceFile(name: name, lines: lines, missingBranches: missingByLine, functions: functions)
    }

    /// Binary search in lines sorted by number.
    private static func line(_ number: Int, in lines: [LineCoverage]) -> LineCoverage? {
        var low = 0
        var high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if lines[middle].number < number { low = middle + 1 } else { high = middle }
        }
        return low < lines.count && lines[low].number == number ? lines[low] : nil
    }
}

/// Merging repeated line numbers in place (docs/counting.md, rule 5). Both halves of a merge take a maximum
/// (hits; branch data by branches, then covered), so the order lines are merged in does not matter.
enum LineMerging {
    /// Lines held before the first merge: small files never merge early.
    static let firstMerge = 1 << 16

    /// Sorts `lines` by number and merges each number into one; keeps, of each number's
    /// missing-branches entries, the last one whose branch counts can still win.
    static func merge(_ lines: inout [LineCoverage], missing: inout [(line: LineCoverage, targets: String)]) {
        lines.sort { $0.number < $1.number }
        var kept = 0
        for index in lines.indices {
            if kept > 0, lines[kept - 1].number == lines[index].number {
                lines[kept - 1] = lines[kept - 1].merged(with: lines[index])
            } else {
                lines[kept] = lines[index]
                kept += 1
            }
        }
        lines.removeLast(lines.count - kept)
        guard !missing.isEmpty else { return }
        var slots: [Int: Int] = [:]
        var winners: [(line: LineCoverage, targets: String)] = []
        for entry in missing {
            if let slot = slots[entry.line.number] {
                // A later entry with branch data at least as good replaces the earlier one.
                if !entry.line.branchDataLoses(to: winners[slot].line) { winners[slot] = entry }
            } else {
                slots[entry.line.number] = winners.count
                winners.append(entry)
            }
        }
        missing = winners
    }
}

/// The lines of one `<class>` (or of its methods) while it is open; reused from class to class.
struct LineBatch {
    private(set) var lines: [LineCoverage] = []
    private(set) var missing: [(line: LineCoverage, targets: String)] = []
    /// Whether numbers strictly increase, so the batch needs no merging of its own.
    private(set) var isAscending = true
    /// Whether repeated numbers were merged already, because the batch outgrew `mergeAt`.
    private(set) var wasMerged = false
    private var mergeAt = LineMerging.firstMerge

    var isEmpty: Bool { lines.isEmpty }

    @inline(__always)
    mutating func append(_ line: LineCoverage, missing targets: UnsafeBufferPointer<UInt8>?) {
        if let last = lines.last, line.number <= last.number { isAscending = false }
        lines.append(line)
        if let targets { missing.append((line, XMLAttributes.decode(targets))) }
        if !isAscending, lines.count >= mergeAt { mergeRepeats() }
    }

    private mutating func mergeRepeats() {
        LineMerging.merge(&lines, missing: &missing)
        mergeAt = max(LineMerging.firstMerge, lines.count * 2)
        isAscending = true
        wasMerged = true
    }

    mutating func removeAll() {
        lines.removeAll(keepingCapacity: lines.capacity <= LineMerging.firstMerge * 2)
        if !missing.isEmpty { missing.removeAll(keepingCapacity: true) }
        isAscending = true
        wasMerged = false
        mergeAt = LineMerging.firstMerge
    }
}
