/// Largest-Triangle-Three-Buckets downsampling (Sveinn Steinarsson, 2013).
///
/// Keeps the shape of a series with far fewer points: the first and last points stay, and from
/// each of `threshold - 2` equal buckets in between it keeps the point that forms the largest
/// triangle with the point kept before it and the average of the next bucket.
enum LTTB {
    /// - Parameters:
    ///   - points: in x order.
    ///   - threshold: how many points to keep; below 3 only the first and last are kept.
    /// - Returns: `points` unchanged when `points.count <= threshold`, else `max(threshold, 2)`
    ///   of them in their original order, first and last included.
    static func downsample<T>(_ points: [T], to threshold: Int, x: (T) -> Double, y: (T) -> Double) -> [T] {
        guard points.count > threshold else { return points }
        guard points.count > 2, threshold > 2 else {
            return points.isEmpty ? [] : [points[0], points[points.count - 1]]
        }
        return indices(xs: points.map(x), ys: points.map(y), threshold: threshold).map { points[$0] }
    }

    /// The indices LTTB keeps; `xs.count > threshold > 2`.
    private static func indices(xs: [Double], ys: [Double], threshold: Int) -> [Int] {
        let count = xs.count
        let bucketSize = Double(count - 2) / Double(threshold - 2)
        var kept = [0]
        kept.reserveCapacity(threshold)
        var previous = 0
        for bucket in 0..<(threshold - 2) {
            let start = Int(Double(bucket) * bucketSize) + 1
            let end = min(Int(Double(bucket + 1) * bucketSize) + 1, count - 1)
            let (averageX, averageY) = average(
                xs: xs, ys: ys, in: end..<min(Int(Double(bucket + 2) * bucketSize) + 1, count))
            var best = start
            var bestArea = -1.0
            for index in start..<max(end, start + 1) {
                let area = abs(
                    (xs[previous] - averageX) * (ys[index] - ys[previous])
                        - (xs[previous] - xs[index]) * (averageY - ys[previous]))
                // Strictly greater: ties keep the earliest point, so the choice is deterministic.
                if area > bestArea {
                    bestArea = area
                    best = index
                }
            }
            kept.append(best)
            previous = best
        }
        kept.append(count - 1)
        return kept
    }

    private static func average(xs: [Double], ys: [Double], in range: Range<Int>) -> (Double, Double) {
        let range = range.isEmpty ? (xs.count - 1)..<xs.count : range
        var sumX = 0.0
        var sumY = 0.0
        for index in range {
            sumX += xs[index]
            sumY += ys[index]
        }
        return (sumX / Double(range.count), sumY / Double(range.count))
    }
}
