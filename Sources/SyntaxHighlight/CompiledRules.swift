/// A language's table turned into bytes, with string openers bucketed by their first byte: the
/// lexer tries only the openers that can start at the byte it is on. Matching the table's strings
/// character by character was half of a large render.
///
/// The lexer reads it through `tables`: plain pointers into memory this object owns, so colouring
/// a line retains nothing. Every render thread colours with the same compiled table, and reading an
/// array out of a shared object retains and releases it: an atomic on a cache line both cores
/// write, a few per token (docs/performance.md).
final class CompiledRules: Sendable {
    /// Valid while this object lives; a `Highlighter` keeps it alive.
    let tables: ScanTables
    private let arena: TableArena

    init(_ rules: LanguageRules) {
        let arena = TableArena()
        var buckets = [[ScanTables.Opener]](repeating: [], count: 256)
        for (index, rule) in rules.strings.enumerated() {
            for prefix in rule.prefixes {
                let prefixBytes = Array(prefix.utf8)
                let bytes = rule.hashDelimited ? prefixBytes : prefixBytes + Array(rule.open.utf8)
                let firsts = bytes.first.map { [$0] } ?? [UInt8(ascii: "#"), Array(rule.open.utf8)[0]]
                let opener = ScanTables.Opener(bytes: arena.copy(bytes), rule: index, prefixLength: prefixBytes.count)
                for first in firsts { buckets[Int(first)].append(opener) }
            }
        }
        // Within a bucket, the table's order of rules wins (`"""` before `"`), then longer prefixes.
        let openers = buckets.map { bucket in
            arena.copy(
                bucket.enumerated().sorted {
                    ($0.element.rule, -$0.element.bytes.count, $0.offset) < (
                        $1.element.rule, -$1.element.bytes.count, $1.offset
                    )
                }
                .map(\.element))
        }
        let strings = rules.strings.map { rule in
            ScanTables.StringForm(
                open: arena.copy(Array(rule.open.utf8)), close: arena.copy(Array(rule.close.utf8)),
                escapes: rule.escapes, multiline: rule.multiline, doubledQuoteEscapes: rule.doubledQuoteEscapes,
                hashDelimited: rule.hashDelimited)
        }
        let lineComments = rules.lineComments.map { Array($0.utf8) }
        let blockOpen = rules.blockComment.map { Array($0.open.utf8) } ?? []
        var special = [Bool](repeating: false, count: 256)
        for marker in lineComments + [blockOpen] { if let first = marker.first { special[Int(first)] = true } }
        if rules.hashAttributes { special[Int(UInt8(ascii: "#"))] = true }
        if rules.atAnnotations { special[Int(UInt8(ascii: "@"))] = true }
        var after = [Bool](repeating: false, count: 256)
        for rule in rules.strings {
            if let first = rule.open.utf8.first { after[Int(first)] = true }
            if rule.hashDelimited { after[Int(UInt8(ascii: "#"))] = true }
        }
        if rules.cppRawStrings { after[Int(UInt8(ascii: "\""))] = true }
        // What `LineScanner.token` steps over without a token: no identifier, digit, `.` (of `.5`),
        // string opener, comment or attribute, or Rust quote can start at these.
        let plain = (0..<256).map { value in
            let byte = UInt8(value)
            return
                !(special[value] || !openers[value].isEmpty || byte >= 0x80 || byte == UInt8(ascii: "_")
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || (rules.dollarInIdentifiers && byte == UInt8(ascii: "$"))
                || (rules.rustCharacters && byte == UInt8(ascii: "'"))
                || (rules.preprocessorLines && byte == UInt8(ascii: "#")))
        }
        let identifierStarts = (0..<256).map { value in
            let byte = UInt8(value)
            return (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
                || byte >= 0x80 || (rules.dollarInIdentifiers && byte == UInt8(ascii: "$"))
        }
        let identifierBytes = (0..<256).map { value in
            identifierStarts[value] || (value >= Int(UInt8(ascii: "0")) && value <= Int(UInt8(ascii: "9")))
        }
        tables = ScanTables(
            openers: arena.copy(openers), strings: arena.copy(strings),
            lineComments: arena.copy(lineComments.map { arena.copy($0) }), blockOpen: arena.copy(blockOpen),
            blockClose: arena.copy(rules.blockComment.map { Array($0.close.utf8) } ?? []),
            blockNests: rules.blockComment?.nests ?? false, specialStarts: arena.copy(special),
            afterPrefix: arena.copy(after), plain: arena.copy(plain), identifierStarts: arena.copy(identifierStarts),
            identifierBytes: arena.copy(identifierBytes),
            longestPrefix: max(
                rules.strings.flatMap(\.prefixes).map(\.utf8.count).max() ?? 0, rules.cppRawStrings ? 3 : 0),
            keywords: rules.keywords.lookup(in: arena), cppRawStrings: rules.cppRawStrings,
            rustCharacters: rules.rustCharacters, preprocessorLines: rules.preprocessorLines,
            atAnnotations: rules.atAnnotations, hashAttributes: rules.hashAttributes,
            dollarInIdentifiers: rules.dollarInIdentifiers)
        self.arena = arena
    }
}

/// The memory behind a `CompiledRules`' pointers: plain values copied once, freed with their owner.
final class TableArena: @unchecked Sendable {
    // Written only while the owner is built, on one thread; read-only after.
    private var blocks: [UnsafeMutableRawPointer] = []

    /// A copy of `values` that lives as long as this arena.
    func copy<Element: BitwiseCopyable>(_ values: [Element]) -> UnsafeBufferPointer<Element> {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(values.count, 1))
        _ = memory.initialize(from: values)
        if let base = memory.baseAddress { blocks.append(UnsafeMutableRawPointer(base)) }
        return UnsafeBufferPointer(start: memory.baseAddress, count: values.count)
    }

    deinit { for block in blocks { block.deallocate() } }
}

extension Language {
    /// Every language's compiled table, made once.
    private static let compiled: [CompiledRules] = allCases.map { CompiledRules($0.rules) }

    var compiledRules: CompiledRules { Self.compiled[Self.allCases.firstIndex(of: self) ?? 0] }
}
