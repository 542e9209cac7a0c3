import Formatting
import Testing

/// The byte buffer of the hottest text loops: what it is given comes out in order, across growth.
struct ByteSinkTests {
    @Test("Decimals are written without a string: 0, negatives, the largest values")
    func decimals() {
        for value in [0, 7, 10, 99, 100, 12345, -1, -120, Int.max, Int.min + 1] {
            var sink = ByteSink(capacity: 1)
            sink.appendDecimal(value)
            #expect(sink.text() == String(value))
        }
    }

    @Test("A number's digits as one word: written as appendDecimal writes them, from 0 to 99 999 999; none outside")
    func decimalWords() {
        for value in [
            0, 1, 9, 10, 42, 99, 100, 999, 1_000, 12_345, 999_999, 1_000_000, 9_999_999, 10_000_000, 99_999_999,
        ] {
            var sink = ByteSink(capacity: 1)
            let digits = ByteSink.decimalWord(value)
            #expect(digits != nil)
            if let digits { sink.append(word: digits.word, count: digits.count) }
            sink.append("|")
            #expect(sink.text() == "\(value)|")
        }
        #expect(ByteSink.decimalWord(-1) == nil && ByteSink.decimalWord(100_000_000) == nil)
    }

    @Test("Pieces of every length from 1 to 40 bytes, at every offset, come out whole and in order")
    func piecesOfEveryLength() {
        let source = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 1...40 {
            var sink = ByteSink(capacity: 1)
            var expected: [UInt8] = []
            for start in 0...(source.count - length) {
                source.withUnsafeBytes { sink.append(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
                expected += source[start..<(start + length)]
                // An odd byte between pieces: the next piece starts at every alignment.
                sink.append(UInt8(start))
                expected.append(UInt8(start))
            }
            #expect(sink.bytes() == expected, "pieces of \(length) bytes")
        }
    }

    @Test("Every kind of append, from a capacity of one, gives the bytes of the same appends to an Array")
    func appendsAcrossGrowth() {
        var sink = ByteSink(capacity: 1)
        var expected: [UInt8] = []
        for round in 0..<200 {
            let path = "src/module_\(round)/é_file.py"
            sink.append(contentsOf: path)
            expected += Array(path.utf8)
            sink.append(repeating: UInt8(ascii: " "), count: round % 7)
            expected += [UInt8](repeating: UInt8(ascii: " "), count: round % 7)
            sink.append(repeating: UInt8(ascii: "x"), count: -3)
            sink.append("<td>")
            expected += Array("<td>".utf8)
            let start = sink.written
            sink.appendDecimal(round * 37)
            sink.appendCopy(from: start, count: sink.written - start)
            expected += Array(String(round * 37).utf8) + Array(String(round * 37).utf8)
            sink.append(UInt8(ascii: "\n"))
            expected.append(UInt8(ascii: "\n"))
        }
        #expect(sink.written == expected.count)
        #expect(sink.bytes() == expected)
    }
}
