import CoverageModel
import Formatting
import Foundation
import SyntaxHighlight

/// Writes a file page's rows; everything it holds stays valid for the loop.
struct RowWriter {
    let showsHits: Bool
    let missing: [Int: String]
    /// The first line of each missed block, ascending.
    let blockStarts: [Int]
    var highlighter: Highlighter?
    /// Whether there is a highlighter: tested per line without copying the optional (which retained
    /// and released what it holds on every line).
    private let colours: Bool
    private var nextBlock = 0
    private var tokens: [Token] = []

    init(showsHits: Bool, missing: [Int: String], blockStarts: [Int], highlighter: Highlighter?) {
        self.showsHits = showsHits
        self.missing = missing
        self.blockStarts = blockStarts
        self.highlighter = highlighter
        colours = highlighter != nil
    }

    /// A row per source line, walking the measured lines and newly uncovered numbers alongside.
    mutating func rows(
        source: UnsafeBufferPointer<UInt8>, lines: UnsafeBufferPointer<LineCoverage>, newly: UnsafeBufferPointer<Int>,
        into out: inout ByteSink
    ) {
        var number = 0
        var nextLine = 0
        var nextNew = 0
        let scan = SourceScan(source)
        var nextEscape = 0
        var start = 0
        /// The row of the line from `start` to `end` (a line feed, or the end of the source).
        func sourceLine(to end: Int) {
            var stop = end
            if stop > start, source[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            number += 1
            while nextLine < lines.count, lines[nextLine].number < number { nextLine += 1 }
            while nextNew < newly.count, newly[nextNew] < number { nextNew += 1 }
            let line = nextLine < lines.count && lines[nextLine].number == number ? lines[nextLine] : nil
            let isNew = nextNew < newly.count && newly[nextNew] == number
            while nextEscape < scan.escapes.count, Int(scan.escapes[nextEscape]) < start { nextEscape += 1 }
            let plain = nextEscape == scan.escapes.count || Int(scan.escapes[nextEscape]) >= stop
            row(
                number, line: line, code: UnsafeBufferPointer(rebasing: source[start..<stop]), plain: plain,
                isNew: isNew, into: &out)
            start = end + 1
        }
        for newline in scan.newlines { sourceLine(to: Int(newline)) }
        // A last line without a line feed.
        if start < source.count { sourceLine(to: source.count) }
        // Measured lines outside the source's line range.
        for line in lines where line.number < 1 || line.number > number {
            row(line.number, line: line, code: nil, plain: true, isNew: newly.contains(line.number), into: &out)
        }
    }

    /// One row; `plain` tells that `code` needs no escaping (`SourceScan`).
    mutating func row(
        _ number: Int, line: LineCoverage?, code: UnsafeBufferPointer<UInt8>?, plain: Bool, isNew: Bool,
        into out: inout ByteSink
    ) {
        rowStart(number, line: line, isNew: isNew, into: &out)
        out.append("<td>")
        if let line { mark(number, line: line, into: &out) }
        if showsHits {
            out.append("<td>")
            if let line { out.appendDecimal(line.hits) }
        }
        out.append("<td>")
        if let code { appendCode(code, plain: plain, into: &out) }
        if let line, line.isBranch { branchDetails(line, into: &out) }
        out.append("\n")
    }

    /// `<tr id="L12" class="missed newly-uncovered"><th><a href="#L12">12</a>`; an unmeasured line has no class.
    private func rowStart(_ number: Int, line: LineCoverage?, isNew: Bool, into out: inout ByteSink) {
        out.append(#"<tr id="L"#)
        // The number is formatted once and written three times.
        let digits = ByteSink.decimalWord(number)
        let numberStart = out.written
        if let digits { out.append(word: digits.word, count: digits.count) } else { out.appendDecimal(number) }
        let numberLength = out.written - numberStart
        if let line {
            out.append(#"" class=""#)
            out.append(Self.state(line))
            if isNew { out.append(" newly-uncovered") }
        }
        out.append(##""><th><a href="#L"##)
        if let digits {
            out.append(word: digits.word, count: digits.count)
        } else {
            out.appendCopy(from: numberStart, count: numberLength)
        }
        out.append(#"">"#)
        if let digits {
            out.append(word: digits.word, count: digits.count)
        } else {
            out.appendCopy(from: numberStart, count: numberLength)
        }
        out.append("</a>")
    }

    static func state(_ line: LineCoverage) -> StaticString {
        !line.isCovered ? "missed" : line.isPartial ? "partial" : "covered"
    }

    /// ✓, ◐ or ✗; on the first line of a missed block, a link to the next block.
    private mutating func mark(_ number: Int, line: LineCoverage, into out: inout ByteSink) {
        guard !line.isCovered else {
            out.append(line.isPartial ? "◐" : "✓")
            return
        }
        out.append("✗")
        while nextBlock < blockStarts.count, blockStarts[nextBlock] < number { nextBlock += 1 }
        guard nextBlock < blockStarts.count, blockStarts[nextBlock] == number else { return }
        nextBlock += 1
        if nextBlock < blockStarts.count {
            out.append(##"<a class="next" href="#L"##)
            out.appendDecimal(blockStarts[nextBlock])
            out.append(#"" title="Next missed block: line "#)
            out.appendDecimal(blockStarts[nextBlock])
            out.append(#"">↓</a>"#)
        } else {
            out.append(##"<a class="next" href="#missed" title="Last missed block: back to the list">↑</a>"##)
        }
    }

    /// The code, coloured by the file's language when it has one. Tokens are short elements the
    /// stylesheet colours (`Self.tags`): a class on a `<span>` per token made a large file's page a
    /// third bigger.
    private mutating func appendCode(_ code: UnsafeBufferPointer<UInt8>, plain: Bool, into out: inout ByteSink) {
        if colours { highlighter!.tokens(in: code, into: &tokens) }
        guard colours, !tokens.isEmpty else {
            return plain ? out.append(code) : out.appendEscapedSource(code)
        }
        @inline(__always) func piece(_ range: Range<Int>) {
            let bytes = UnsafeBufferPointer(rebasing: code[range])
            if plain { out.append(bytes) } else { out.appendEscapedSource(bytes) }
        }
        var at = 0
        for token in tokens {
            let start = Int(token.start)
            let end = Int(token.end)
            if at < start { piece(at..<start) }
            let (open, close) = Self.tags(token.kind)
            out.append(open)
            piece(start..<end)
            out.append(close)
            at = end
        }
        if at < code.count { piece(at..<code.count) }
    }

    /// The element of each kind of token: keywords `<b>`, strings `<q>` (without quotation marks),
    /// comments `<i>`, numbers `<u>` (not underlined), meta lines `<em>` (`style.css`, "Syntax").
    static func tags(_ kind: TokenKind) -> (open: StaticString, close: StaticString) {
        switch kind {
        case .keyword: ("<b>", "</b>")
        case .string: ("<q>", "</q>")
        case .comment: ("<i>", "</i>")
        case .number: ("<u>", "</u>")
        case .meta: ("<em>", "</em>")
        }
    }

    /// `[+ −]` per outcome as genhtml marks them, opening to the counts and coverage.py's untaken targets.
    private func branchDetails(_ line: LineCoverage, into out: inout ByteSink) {
        out.append(#" <details class="br"><summary>"#)
        Self.markers(line, into: &out)
        out.append("</summary>")
        describe(line, into: &out)
        out.append("</details>")
    }

    static func markers(_ line: LineCoverage, into out: inout ByteSink) {
        let valid = Int(line.branchesValid)
        let covered = Int(min(line.branchesCovered, line.branchesValid))
        guard valid <= 12 else {
            out.appendDecimal(covered)
            out.append("/")
            out.appendDecimal(valid)
            return
        }
        out.append("[")
        for index in 0..<valid {
            if index > 0 { out.append(" ") }
            out.append(index < covered ? "+" : "−")
        }
        out.append("]")
    }

    /// "1 of 2 branches taken; never jumped to line 14"
    func describe(_ line: LineCoverage, into out: inout ByteSink) {
        Self.branchWords(line, missing: missing[line.number], escaped: true, into: &out)
    }

    /// The words for a line's branches, shared by the source view and the file page's list of
    /// partly covered lines: `1 of 2 branches taken; never jumped to line 14, exit`. The targets
    /// come from the report, so markup gets them `escaped`.
    static func branchWords(_ line: LineCoverage, missing: String?, escaped: Bool, into out: inout ByteSink) {
        out.appendDecimal(line.branchesCovered)
        out.append(" of ")
        out.appendDecimal(line.branchesValid)
        out.append(line.branchesValid == 1 ? " branch taken" : " branches taken")
        guard line.branchesCovered < line.branchesValid, let missing else { return }
        out.append("; never jumped to ")
        var first = true
        for target in missing.utf8.split(separator: UInt8(ascii: ",")) {
            if !first { out.append(", ") }
            first = false
            if !target.elementsEqual("exit".utf8) { out.append("line ") }
            let text = String(Substring(target))
            if escaped { out.appendEscaped(text) } else { out.append(contentsOf: text) }
        }
    }

    // MARK: - Without source

    /// A missed block: `20-27`, how many measured lines of it were missed.
    mutating func summaryRow(first: Int, last: Int, missed: Int, into out: inout ByteSink) {
        rowStart(first, line: LineCoverage(number: first, hits: 0), isNew: false, into: &out)
        if last != first {
            out.append("–")
            out.appendDecimal(last)
        }
        out.append("<td>")
        mark(first, line: LineCoverage(number: first, hits: 0), into: &out)
        out.append("<td>")
        out.appendDecimal(missed)
        out.append(missed == 1 ? " measured line missed\n" : " measured lines missed\n")
    }

    /// A partly covered line, with its branch details written out.
    func partialRow(_ line: LineCoverage, into out: inout ByteSink) {
        rowStart(line.number, line: line, isNew: false, into: &out)
        out.append("<td>◐<td>")
        Self.markers(line, into: &out)
        out.append(" ")
        describe(line, into: &out)
        out.append("\n")
    }
}
