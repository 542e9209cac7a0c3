import SyntaxHighlight

/// Lines with their tokens written inline as `[k:def]`, `[s:"x"]`, so a test reads like the code.
func marked(_ lines: [String], _ language: Language) -> [String] {
    var highlighter = Highlighter(language: language)
    let tokens = highlighter.tokens(in: lines)
    return zip(lines, tokens).map { line, tokens in
        let bytes = Array(line.utf8)
        var out = ""
        var at = 0
        for token in tokens {
            let start = Int(token.start)
            let end = Int(token.end)
            out += String(decoding: bytes[at..<start], as: UTF8.self)
            out += "[\(token.kind.cssClass):" + String(decoding: bytes[start..<end], as: UTF8.self) + "]"
            at = end
        }
        return out + String(decoding: bytes[at...], as: UTF8.self)
    }
}

func marked(_ line: String, _ language: Language) -> String { marked([line], language)[0] }
