import Foundation

/// Sorting names as `String`'s `<` orders them: a report's files (the order a report keeps), and
/// the pages of a site (the order of its manifest and of the renderer's result).
///
/// When every name is ASCII the two orders are the bytes' order, so the names are compared with
/// `memcmp` in one buffer: no reference counting and no Unicode checks per comparison, which made
/// up most of sorting tens of thousands of long paths that share their first folders.
public enum NameOrder {
    /// The positions of `names` in ascending order (stable).
    public static func sortedIndices(_ names: [String]) -> [Int] {
        var order = Array(names.indices)
        var arena: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(names.count)
        for name in names {
            guard name.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 < 0x80 } }) ?? false else {
                if zip(names, names.dropFirst()).allSatisfy({ !($1 < $0) }) { return order }
                order.sort { names[$0] < names[$1] }
                return order
            }
            spans.append((arena.count, name.utf8.count))
            arena.append(contentsOf: name.utf8)
        }
        arena.withUnsafeBufferPointer { bytes in
            spans.withUnsafeBufferPointer { spans in
                guard let base = bytes.baseAddress else { return }
                func less(_ left: Int, _ right: Int) -> Bool {
                    let (a, b) = (spans[left], spans[right])
                    let common = min(a.count, b.count)
                    let result = common == 0 ? 0 : memcmp(base + a.start, base + b.start, common)
                    return result != 0 ? result < 0 : a.count < b.count
                }
                // Names that come sorted (a manifest's pages) are only checked.
                if order.indices.dropFirst().allSatisfy({ !less($0, $0 - 1) }) { return }
                order.sort(by: less)
            }
        }
        return order
    }

    /// Puts `values[order[i]]` at `i` for every `i`, by swaps along the permutation's cycles: no value
    /// is copied (a file's value holds four references, each retained and released by a copy).
    /// Inlinable, so that it is specialized for each caller's value type.
    @inlinable
    public static func permute<Value>(_ values: inout [Value], into order: [Int]) {
        precondition(order.count == values.count, "an order of every value")
        var placed = [Bool](repeating: false, count: order.count)
        // In the buffer: its swaps move the values, where the array's copied one into a temporary.
        values.withUnsafeMutableBufferPointer { values in
            for start in order.indices where !placed[start] {
                // Along the cycle: position `at` takes the value now at `order[at]`, which is still unmoved.
                var at = start
                placed[at] = true
                while !placed[order[at]] {
                    values.swapAt(at, order[at])
                    at = order[at]
                    placed[at] = true
                }
            }
        }
    }
}
