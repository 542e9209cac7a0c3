import SyntaxHighlight

/// Any bytes as a source file: the first byte picks the language (`Language.allCases`), the rest
/// is the file, split into lines as a file page splits them (at `\n`, a `\r` before it dropped).
///
/// Each line is copied into an allocation of exactly its size, so AddressSanitizer sees any read
/// past its end. Every line's tokens must be in order, not overlapping, not empty and inside the
/// line: the page writer slices the line by them without bounds checks. On a line of valid UTF-8,
/// no token may start or end inside a character, or the page would carry a tag between a
/// character's bytes, which is invalid UTF-8.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHighlight(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let languages = Language.allCases
    var highlighter = Highlighter(language: languages[Int(data[0]) % languages.count])
    var tokens: [Token] = []
    let file = UnsafeBufferPointer(start: data + 1, count: count - 1)
    var start = 0
    while start < file.count {
        var end = start
        while end < file.count, file[end] != UInt8(ascii: "\n") { end += 1 }
        var stop = end
        if stop > start, file[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        let line = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: stop - start)
        _ = line.initialize(from: file[start..<stop])
        highlighter.tokens(in: UnsafeBufferPointer(line), into: &tokens)
        check(tokens, in: UnsafeBufferPointer(line))
        line.deallocate()
        start = end + 1
    }
    return 0
}

private func check(_ tokens: [Token], in line: UnsafeBufferPointer<UInt8>) {
    var at = 0
    for token in tokens {
        let start = Int(token.start)
        let end = Int(token.end)
        precondition(
            start >= at && start < end && end <= line.count,
            "token \(start)..<\(end) after \(at) in \(line.count) bytes")
        at = end
    }
    guard String(validating: line, as: UTF8.self) != nil else { return }
    func isInsideCharacter(_ index: Int) -> Bool { index < line.count && line[index] & 0xC0 == 0x80 }
    for token in tokens {
        precondition(
            !isInsideCharacter(Int(token.start)) && !isInsideCharacter(Int(token.end)),
            "token \(token.start)..<\(token.end) splits a UTF-8 character")
    }
}
