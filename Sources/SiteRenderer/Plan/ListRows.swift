import Synchronization

/// The rows of a component's flat lists, each drawn once, by the first page that shows it: the
/// eight lists show the same rows in other orders, and a render that draws one changed page of
/// them (a cron tick) draws only that page's rows, not the component's 20 000.
final class ListRows: Sendable {
    private let draw: @Sendable (Int, inout [UInt8]) -> Void
    private let drawn: Mutex<[[UInt8]?]>

    init(count: Int, draw: @escaping @Sendable (Int, inout [UInt8]) -> Void) {
        self.draw = draw
        drawn = Mutex(Array(repeating: nil, count: count))
    }

    /// The markup of the rows at `indices`, in that order. Rows are drawn outside the lock; two
    /// pages drawing the same missing row at once both draw it, with the same bytes.
    func markup(of indices: ArraySlice<Int>) -> [UInt8] {
        var rows = drawn.withLock { drawn in indices.map { drawn[$0] } }
        var made: [(Int, [UInt8])] = []
        for (position, index) in zip(rows.indices, indices) where rows[position] == nil {
            var row: [UInt8] = []
            draw(index, &row)
            rows[position] = row
            made.append((index, row))
        }
        if !made.isEmpty {
            drawn.withLock { drawn in
                for (index, row) in made { drawn[index] = row }
            }
        }
        var html: [UInt8] = []
        html.reserveCapacity(rows.reduce(0) { $0 + ($1?.count ?? 0) })
        for row in rows { html.append(contentsOf: row ?? []) }
        return html
    }
}
