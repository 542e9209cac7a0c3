import CoverageModel

/// Collects the lines of one file across every `<class>` that names it.
///
/// Lines usually arrive in ascending order, so they are appended; only when a number repeats or
/// goes backwards (gocover's one class per receiver, AltCover's repeated lines) are they sorted and
/// merged at the end.
final class FileAccumulator {
    let name: String
    private(set) var lines: [LineCoverage] = []
    private var needsMerge = false

    init(name: String) { self.name = name }

    func append(contentsOf batch: [LineCoverage]) {
        for line in batch {
            if let last = lines.last, line.number <= last.number { needsMerge = true }
            lines.append(line)
        }
    }

    /// The file's lines sorted by number, each number once (RULES.md rule 5).
    func finish() -> [LineCoverage] {
        guard needsMerge else { return lines }
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
