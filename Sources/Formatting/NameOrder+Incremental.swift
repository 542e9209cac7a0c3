import Foundation

extension NameOrder {
    /// `sortedIndices` for names handed over one at a time, sorted mostly while they come.
    ///
    /// A report's reader meets its files one by one on the parse's second thread, which libxml2's
    /// thread leaves about half idle. Each name's bytes are copied while they are at hand, each full
    /// block of names is sorted on that thread, and `sortedIndices()` only merges the blocks:
    /// sorting the 20 000 names at the end of the parse, after copying them out of 20 000 strings,
    /// took 7–10 ms that nothing else could use.
    public struct Incremental {
        private let blockSize: Int
        /// The names, once one is not ASCII; until then they are only in `arena`: keeping each
        /// `String` too retained it (on the parse's thread), and joining a split parse's two parts
        /// retained the second's 10 000 again, cold in this core's cache (the join of a 20 000-file
        /// report's orders took 1.2-1.3 ms with them, 0.9-1.0 ms without).
        private var names: [String] = []
        private var arena: [UInt8] = []
        private var spans: [(start: Int, count: Int)] = []
        /// The positions of the names; `order[..<sortedUpTo]` is made of the sorted `runs`, the rest is
        /// sorted when a block is full or at the end.
        private var order: [Int] = []
        private var runs: [Range<Int>] = []
        private var sortedUpTo = 0
        /// Whether every name so far is ASCII: otherwise the end sorts as `sortedIndices` does.
        private var isASCII = true

        /// - Parameter blockSize: names sorted together as they come (tests use small blocks).
        public init(blockSize: Int = 2_048) {
            precondition(blockSize > 0, "blocks of at least one name")
            self.blockSize = blockSize
        }

        public var count: Int { isASCII ? spans.count : names.count }

        public mutating func append(_ name: String) {
            guard isASCII else { return names.append(name) }
            var name = name
            let copied = name.withUTF8 { bytes -> Bool in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                spans.append((arena.count, bytes.count))
                arena.append(contentsOf: bytes)
                return true
            }
            guard copied else {
                names = arenaNames + [name]
                isASCII = false
                (arena, spans, order, runs, sortedUpTo) = ([], [], [], [], 0)
                return
            }
            order.append(order.count)
            if order.count - sortedUpTo == blockSize { sortRest() }
        }

        /// Appends `later`'s names after these, as if each had been appended here, keeping the blocks
        /// it sorted already (a split parse's second part sorted them on its own thread).
        public mutating func append(contentsOf later: consuming Self) {
            guard isASCII, later.isASCII else {
                for name in later.isASCII ? later.arenaNames : later.names { append(name) }
                return
            }
            var later = later
            sortRest()
            later.sortRest()
            let (base, arenaBase) = (spans.count, arena.count)
            arena += later.arena
            spans += later.spans.map { ($0.start + arenaBase, $0.count) }
            order += later.order.map { $0 + base }
            runs += later.runs.map { $0.lowerBound + base..<$0.upperBound + base }
            sortedUpTo = order.count
        }

        /// The positions of the names in ascending order (stable): `NameOrder.sortedIndices(names)`.
        public mutating func sortedIndices() -> [Int] {
            guard isASCII else { return NameOrder.sortedIndices(names) }
            sortRest()
            let (sorted, runs) = (order, runs)
            Self.withNames(arena, spans) { names in order = NameOrder.merged(sorted, runs: runs, by: names.less) }
            self.runs = order.isEmpty ? [] : [0..<order.count]
            return order
        }

        /// The names of an ASCII order, made again from their bytes.
        private var arenaNames: [String] {
            arena.withUnsafeBufferPointer { bytes in
                spans.map {
                    String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[$0.start..<$0.start + $0.count]), as: UTF8.self)
                }
            }
        }

        /// Sorts the names after the last sorted run into one more run.
        private mutating func sortRest() {
            let (start, end) = (sortedUpTo, order.count)
            guard start < end else { return }
            runs.append(start..<end)
            sortedUpTo = end
            Self.withNames(arena, spans) { names in
                // A block that came in order (most reports list their files sorted) is only checked.
                if (start + 1..<end).allSatisfy({ !names.less(order[$0], order[$0 - 1]) }) { return }
                order[start..<end].sort(by: names.less)
            }
        }

        private static func withNames(
            _ arena: [UInt8], _ spans: [(start: Int, count: Int)], _ body: (ArenaNames) -> Void
        ) {
            arena.withUnsafeBufferPointer { bytes in
                spans.withUnsafeBufferPointer { spans in
                    // An arena of empty names has no address: any address will do, nothing is read.
                    let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    body(ArenaNames(base: base, spans: spans))
                }
            }
        }
    }
}

extension NameOrder {
    /// `order` whose `runs` (neighbouring ranges covering it, each sorted by `less`) are merged into
    /// one sorted order, in rounds of neighbouring pairs; the earlier run wins ties, so a stable
    /// order of each run stays stable.
    public static func merged(_ order: [Int], runs: [Range<Int>], by less: (Int, Int) -> Bool) -> [Int] {
        var (order, runs) = (order, runs)
        var merged = order
        while runs.count > 1 {
            var next: [Range<Int>] = []
            for pair in stride(from: 0, to: runs.count, by: 2) {
                guard pair + 1 < runs.count else {
                    merged.replaceSubrange(runs[pair], with: order[runs[pair]])
                    next.append(runs[pair])
                    continue
                }
                let (left, right) = (runs[pair], runs[pair + 1])
                var (a, b, at) = (left.lowerBound, right.lowerBound, left.lowerBound)
                while a < left.upperBound || b < right.upperBound {
                    let takeRight = a == left.upperBound || (b < right.upperBound && less(order[b], order[a]))
                    merged[at] = takeRight ? order[b] : order[a]
                    if takeRight { b += 1 } else { a += 1 }
                    at += 1
                }
                next.append(left.lowerBound..<right.upperBound)
            }
            swap(&order, &merged)
            runs = next
        }
        return order
    }
}
