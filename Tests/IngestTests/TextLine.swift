import Testing

/// Where a piece of a made-up report sits, for messages that name XML lines.
enum TextLine {
    /// The 1-based line of the first `needle` in `text`.
    static func of(_ needle: String, in text: String) throws -> Int {
        let range = try #require(text.range(of: needle))
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
