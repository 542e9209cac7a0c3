import CoverageModel

/// Collects the lines of one file across every `<class>` that names it.
///
/// Lines usually arrive in ascending order, so they are appended; only when a number repeats or
/// goes backwards (gocover's one class per receiver, AltCover's repeated lines) are they sorted and
/// merged at the end.
final class FileAccumulator {
    let name: String
    private(set) var lines: [LineCoverage] = []
    /// The `<method>` entries of every class that names this file.
    var functions: [FunctionCoverage] = []
    /// coverage.py's missing-branches with the branch counts of the `<line>` that carried them, so
    /// they follow that entry when a line is merged.
    private var missing: [(line: LineCoverage, targets: String)] = []
    private var needsMerge = false
    private var lastNumber = Int.min

    init(name: String) {
        self.name = name
        lines.reserveCapacity(64)
    }

    /// Adds one class's lines in a single copy.
    func append(_ batch: LineBatch) {
        guard let first = batch.lines.first, let last = batch.lines.last else { return }
        if !batch.isAscending || first.number <= lastNumber { needsMerge = true }
        lastNumber = max(lastNumber, last.number)
        lines.append(contentsOf: batch.lines)
        missing.append(contentsOf: batch.missing)
    }

    /// The file, its lines sorted by number, each number once (RULES.md rule 5).
    func finish() -> SourceFile {
        let merged = needsMerge ? Self.merge(lines) : lines
        var missingByLine: [Int: String] = [:]
        missingByLine.reserveCapacity(missing.count)
        for entry in missing {
            // Without merging every entry stands; otherwise keep the targets of the winning entry.
            if needsMerge {
                guard let kept = Self.line(entry.line.number, in: merged),
                    kept.branchesValid == entry.line.branchesValid, kept.branchesCovered == entry.line.branchesCovered
                else { continue }
            }
            missingByLine[entry.line.number] = entry.targets
        }
        return SourceFile(name: name, lines: merged, missingBranches: missingByLine, functions: functions)
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

    private static func merge(_ lines: [LineCoverage]) -> [LineCoverage] {
        let sorted = lines.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
        var merged: [LineCoverage] = []
        merged.reserveCapacity(sorted.count)
        for (_, line) in sorted {
            if let last = merged.last, last.number == line.number {
                merged[merged.count - 1] = last.merged(with: line)
            } else {
                merged.append(line)
            }
        }
        return merged
    }
}

/// The lines of one `<class>` (or of its methods) while it is open; reused from class to class.
struct LineBatch {
    private(set) var lines: [LineCoverage] = []
    /// The `<method>` entries of every class that names this file.
    var functions: [FunctionCoverage] = []
    private(set) var missing: [(line: LineCoverage, targets: String)] = []
    /// Whether numbers strictly increase, so the batch needs no merging of its own.
    private(set) var isAscending = true

    var isEmpty: Bool { lines.isEmpty }

    @inline(__always)
    mutating func append(_ line: LineCoverage, missing targets: UnsafeBufferPointer<UInt8>?) {
        if let last = lines.last, line.number <= last.number { isAscending = false }
        lines.append(line)
        if let targets { missing.append((line, XMLAttributes.decode(targets))) }
    }

    mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        if !missing.isEmpty { missing.removeAll(keepingCapacity: true) }
        isAscending = true
    }
}
