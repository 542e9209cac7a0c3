import Foundation
import Testing

@testable import SiteRenderer

/// The fingerprint that decides whether a page is drawn again: stable across machines and runs,
/// different whenever what it is drawn from differs.
struct PageKeyTests {
    static func key(_ parts: [String]) -> PageKey {
        var key = PageKey()
        for part in parts { key.add(part) }
        return key
    }

    @Test("The same inputs give the same key in every process: fixed constants, little-endian words")
    func stable() {
        // Pinned: a change of these values renames every page and redraws every site once.
        #expect(Self.key(["index.html", "python 98.6%"]).text == Self.key(["index.html", "python 98.6%"]).text)
        #expect(Self.key([]).text == "cbf29ce484222325-84222325cbf29ce4")
        #expect(Self.key([""]).short.count == 10)
        #expect(Self.key(["a"]).short == Self.key(["a"]).short)
    }

    @Test(
        "Any difference in bytes, order or boundaries changes the key",
        arguments: [
            (["abcdefgh12345678"], ["abcdefgh12345679"]), (["a", "b"], ["b", "a"]), (["ab", "c"], ["a", "bc"]),
            (["x"], ["x", ""]), ([String(repeating: "z", count: 64)], [String(repeating: "z", count: 65)]),
        ])
    func differs(one: [String], other: [String]) {
        #expect(Self.key(one).text != Self.key(other).text)
        #expect(Self.key(one).short != Self.key(other).short)
    }

    @Test("Words and plain values change the key, and the same values give the same key again")
    func words() {
        var byWord = PageKey()
        byWord.add(word: 42)
        var byValues = PageKey()
        byValues.add(pod: [UInt64(42)])
        #expect(byWord.text != PageKey().text)
        #expect(byValues.text != PageKey().text)
        var again = PageKey()
        again.add(pod: [UInt64(42)])
        #expect(again.text == byValues.text)
    }

    @Test("The key's text is both hashes in hex without leading zeros; its short form ten digits of a padded mix")
    func textForm() {
        var key = PageKey()
        var lengths = Set<Int>()
        for word in 0..<4_000 {
            key.add(word: UInt64(word))
            let (first, second) = key.words
            #expect(key.text == String(first, radix: 16) + "-" + String(second, radix: 16))
            // `matches` says the same as comparing the text, without making it.
            #expect(key.matches(String(first, radix: 16) + "-" + String(second, radix: 16)))
            #expect(!key.matches(String(first, radix: 16) + "-" + String(second &+ 1, radix: 16)))
            #expect(!key.matches(String(first, radix: 16)))
            let mixed = String(first ^ (second &* 0x9E37_79B9_7F4A_7C15), radix: 16)
            #expect(key.short == String((String(repeating: "0", count: max(0, 16 - mixed.count)) + mixed).prefix(10)))
            lengths.insert(String(first, radix: 16).count)
        }
        // Hashes with leading zero digits were among them.
        #expect(lengths.count >= 3)
    }
}
