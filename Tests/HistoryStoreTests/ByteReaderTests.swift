import Testing

@testable import HistoryStore

/// The archive reader's one-word read of a line against four reads of its fields.
struct ByteReaderTests {
    @Test("A line's four fields read at once are the four fields read one by one, at every length")
    func lineMatchesFieldByField() {
        // Small and large values, negative steps and hits, so that some fields take a byte and some more.
        let values: [Int64] = [0, 1, -1, 2, 63, -64, 64, -65, 127, 128, 300, -300, 1 << 20, Int64(Int32.max)]
        var writer = ByteWriter()
        var count = 0
        for (index, delta) in values.enumerated() {
            for hits in values {
                let valid = UInt64(values[(index + count) % values.count].magnitude)
                writer.signed(delta)
                writer.signed(hits)
                writer.varint(valid)
                writer.varint(valid / 2)
                count += 1
            }
        }
        let bytes = writer.buffer
        var one = ByteReader(bytes)
        var each = ByteReader(bytes)
        for _ in 0..<count {
            let line = one.line()
            let fields = (each.signed(), each.signed(), each.varint(), each.varint())
            #expect(line?.delta == fields.0 && line?.hits == fields.1)
            #expect(line?.valid == fields.2 && line?.covered == fields.3)
            #expect(one.position == each.position)
        }
        #expect(one.isAtEnd)
        // Cut short anywhere, the read fails rather than reading past the end.
        for end in 0..<min(bytes.count, 40) {
            var short = ByteReader(Array(bytes[0..<end]))
            var lines = 0
            while short.line() != nil { lines += 1 }
            var fields = ByteReader(Array(bytes[0..<end]))
            var expected = 0
            while fields.signed() != nil, fields.signed() != nil, fields.varint() != nil, fields.varint() != nil {
                expected += 1
            }
            #expect(lines == expected, "cut at \(end)")
        }
    }
}
