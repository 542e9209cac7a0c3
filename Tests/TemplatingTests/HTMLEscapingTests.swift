import Templating
import Testing

struct HTMLEscapingTests {
    /// The obvious byte-by-byte escaping the fast path must agree with.
    static func reference(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        HTMLEscaping.escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(
        "Exactly the five HTML bytes are escaped",
        arguments: [
            ("", ""),
            ("plain text", "plain text"),
            ("&<>\"'", "&amp;&lt;&gt;&quot;&#39;"),
            ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
            ("it's \"quoted\"", "it&#39;s &quot;quoted&quot;"),
            ("`=/%;:# stay", "`=/%;:# stay"),
            ("Ünïcödé <🌊>", "Ünïcödé &lt;🌊&gt;"),
        ])
    func escapesFiveBytes(_ text: String, _ expected: String) {
        #expect(Self.escaped(text) == expected)
    }

    @Test("Escaping agrees with the byte-by-byte reference at every offset of a word")
    func agreesWithReference() {
        // Each special byte at each position of strings long enough to cross several 8-byte words.
        for special in ["&", "<", ">", "\"", "'"] {
            for length in 0..<20 {
                for position in 0..<max(length, 1) {
                    var bytes = Array(repeating: "x", count: length)
                    if position < length { bytes[position] = special }
                    let text = bytes.joined() + special + "%!–é"
                    #expect(Self.escaped(text) == Self.reference(text))
                }
            }
        }
    }

    @Test(
        "Escaping agrees with the reference when one word holds several different special bytes",
        arguments: ["<a href=\"x\">&'</a>", "&&<<>>\"\"''", "x<y>&\"'z", "ü<ä>&\"'ö"])
    func agreesWithReferenceOnMixedWords(_ unit: String) {
        for count in 1...5 {
            let text = String(repeating: unit, count: count)
            #expect(Self.escaped(text) == Self.reference(text))
        }
    }

    @Test("Escaping appends to what is already in the buffer")
    func appends() {
        var out = Array("<td>".utf8)
        HTMLEscaping.escape("a&b", into: &out)
        #expect(out == Array("<td>a&amp;b".utf8))
    }
}
