import Formatting
import Foundation

/// The rows of a component's flat lists, each drawn once, by the first page that shows it: the
/// eight lists show the same rows in other orders, and a render that draws one changed page of
/// them (a cron tick) draws only that page's rows, not the component's 20 000.
final class ListRows: @unchecked Sendable {
    private let draw: @Sendable (Int, inout ByteSink) -> Void
    /// An NSLock, not the standard library's Mutex: pages are drawn on every core at once, and
    /// ThreadSanitizer does not see the Mutex's futex, so it reported the rows as raced.
    private let lock = NSLock()
    private var drawn: [[UInt8]?]

    init(count: Int, draw: @escaping @Sendable (Int, inout ByteSink) -> Void) {
        self.draw = draw
        drawn = Array(repeating: nil, count: count)
    }

    /// The markup of the rows at `indices`, in that order. Rows are drawn outside the lock; two
    /// pages drawing the same missing row at once both draw it, with the same bytes.
    func markup(of indices: ArraySlice<Int>) -> [UInt8] {
        var rows = lock.withLock { indices.map { drawn[$0] } }
        var made: [(Int, [UInt8])] = []
        for (position, index) in zip(rows.indices, indices) where rows[position] == nil {
            var sink = ByteSink(capacity: 1_200)
            draw(index, &sink)
            let row = sink.bytes()
            rows[position] = row
            made.append((index, row))
        }
        if !made.isEmpty {
            lock.withLock {
                for (index, row) in made { drawn[index] = row }
            }
        }
        var html: [UInt8] = []
        html.reserveCapacity(rows.reduce(0) { $0 + ($1?.count ?? 0) })
        for row in rows { html.append(contentsOf: row ?? []) }
        return html
    }
}
