/// A language's table turned into bytes, with string openers bucketed by their first byte: the
/// lexer tries only the openers that can start at the byte it is on. Matching the table's strings
/// character by character was half of a large render. A class: every line's scanner holds it,
/// and a struct of arrays cost a retain per array per line.
final class CompiledRules: Sendable {
    /// One way a string literal opens: a prefix and the opening quote (for hash-delimited rules,
    /// the prefix only: the hashes and the quote follow).
    struct Opener: Sendable {
        let bytes: [UInt8]
        let rule: Int
        let prefixLength: Int
    }

    struct StringForm: Sendable {
        let open: [UInt8]
        let close: [UInt8]
        let escapes: Bool
        let multiline: Bool
        let doubledQuoteEscapes: Bool
        let hashDelimited: Bool
    }

    let rules: LanguageRules
    /// Openers by first byte, longest first.
    let openers: [[Opener]]
    let strings: [StringForm]
    let lineComments: [[UInt8]]
    let blockOpen: [UInt8]
    let blockClose: [UInt8]
    let blockNests: Bool
    /// Bytes that may start a comment, an attribute or an annotation: only these are looked at closely.
    let specialStarts: [Bool]
    /// Bytes that may follow a string prefix (a quote, or `#` of a hash-delimited string), and the
    /// longest prefix: an identifier is a prefix only when it is that short and one of these follows.
    let afterPrefix: [Bool]
    let longestPrefix: Int

    init(_ rules: LanguageRules) {
        self.rules = rules
        strings = rules.strings.map { rule in
            StringForm(
                open: Array(rule.open.utf8), close: Array(rule.close.utf8), escapes: rule.escapes,
                multiline: rule.multiline,
                doubledQuoteEscapes: rule.doubledQuoteEscapes, hashDelimited: rule.hashDelimited)
        }
        var buckets = [[Opener]](repeating: [], count: 256)
        for (index, rule) in rules.strings.enumerated() {
            for prefix in rule.prefixes {
                let prefixBytes = Array(prefix.utf8)
                let bytes = rule.hashDelimited ? prefixBytes : prefixBytes + Array(rule.open.utf8)
                let firsts = bytes.first.map { [$0] } ?? [UInt8(ascii: "#"), Array(rule.open.utf8)[0]]
                for first in firsts {
                    buckets[Int(first)].append(Opener(bytes: bytes, rule: index, prefixLength: prefixBytes.count))
                }
            }
        }
        // Within a bucket, the table's order of rules wins (`"""` before `"`), then longer prefixes.
        openers = buckets.map { bucket in
            bucket.enumerated().sorted {
                ($0.element.rule, -$0.element.bytes.count, $0.offset) < (
                    $1.element.rule, -$1.element.bytes.count, $1.offset
                )
            }
            .map(\.element)
        }
        lineComments = rules.lineComments.map { Array($0.utf8) }
        blockOpen = rules.blockComment.map { Array($0.open.utf8) } ?? []
        blockClose = rules.blockComment.map { Array($0.close.utf8) } ?? []
        blockNests = rules.blockComment?.nests ?? false
        var special = [Bool](repeating: false, count: 256)
        for marker in lineComments + [blockOpen] { if let first = marker.first { special[Int(first)] = true } }
        if rules.hashAttributes { special[Int(UInt8(ascii: "#"))] = true }
        if rules.atAnnotations { special[Int(UInt8(ascii: "@"))] = true }
        specialStarts = special
        var after = [Bool](repeating: false, count: 256)
        for rule in rules.strings {
            if let first = rule.open.utf8.first { after[Int(first)] = true }
            if rule.hashDelimited { after[Int(UInt8(ascii: "#"))] = true }
        }
        if rules.cppRawStrings { after[Int(UInt8(ascii: "\""))] = true }
        afterPrefix = after
        longestPrefix = max(rules.strings.flatMap(\.prefixes).map(\.utf8.count).max() ?? 0, rules.cppRawStrings ? 3 : 0)
    }
}

extension Language {
    /// Every language's compiled table, made once.
    private static let compiled: [CompiledRules] = allCases.map { CompiledRules($0.rules) }

    var compiledRules: CompiledRules { Self.compiled[Self.allCases.firstIndex(of: self) ?? 0] }
}
