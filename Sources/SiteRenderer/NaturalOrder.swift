/// Orders names as people read them: runs of digits compare by their value, so `api_104` comes
/// before `api_1003` and `file2` before `file10`; everything else compares byte by byte (UTF-8).
/// Equal values with different digits (`a01`, `a1`) fall back to plain byte order, so the order is
/// total and the same on every machine.
enum NaturalOrder {
    static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs
        var right = rhs
        return left.withUTF8 { a in right.withUTF8 { b in compare(a, b) } } < 0
    }

    /// Negative, zero or positive, as `lhs` sorts before, with or after `rhs`.
    static func compare(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var j = 0
        while i < lhs.count, j < rhs.count {
            let a = lhs[i]
            let b = rhs[j]
            if isDigit(a), isDigit(b) {
                // Compare the runs by value: skip leading zeros, then the longer run is larger,
                // then the first differing digit decides.
                var iEnd = i
                while iEnd < lhs.count, isDigit(lhs[iEnd]) { iEnd += 1 }
                var jEnd = j
                while jEnd < rhs.count, isDigit(rhs[jEnd]) { jEnd += 1 }
                var iStart = i
                while iStart < iEnd - 1, lhs[iStart] == UInt8(ascii: "0") { iStart += 1 }
                var jStart = j
                while jStart < jEnd - 1, rhs[jStart] == UInt8(ascii: "0") { jStart += 1 }
                let lengths = (iEnd - iStart) - (jEnd - jStart)
                if lengths != 0 { return lengths }
                var k = 0
                while iStart + k < iEnd {
                    let difference = Int(lhs[iStart + k]) - Int(rhs[jStart + k])
                    if difference != 0 { return difference }
                    k += 1
                }
                i = iEnd
                j = jEnd
                continue
            }
            if a != b { return Int(a) - Int(b) }
            i += 1
            j += 1
        }
        let remaining = (lhs.count - i) - (rhs.count - j)
        if remaining != 0 { return remaining }
        // Same by value (`a01` and `a1`): plain byte order keeps the order total.
        return lexicographic(lhs, rhs)
    }

    private static func lexicographic(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        for index in 0..<min(lhs.count, rhs.count) where lhs[index] != rhs[index] {
            return Int(lhs[index]) - Int(rhs[index])
        }
        return lhs.count - rhs.count
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
