import Formatting
import Testing

/// `Array.append(moving:leaving:)`: the elements moved, in order, none kept behind.
struct ArrayMovingTests {
    /// A reference, so that a copy left behind shows: a moved one is referenced once.
    final class Box {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test(
        "Appended in order, onto an empty and a non-empty list, each element referenced only where it went",
        arguments: [0, 3])
    func moved(_ existing: Int) {
        let placeholder = Box(-1)
        var list = (0..<existing).map { Box($0) }
        var other = (existing..<(existing + 5)).map { Box($0) }
        list.append(moving: &other, leaving: placeholder)
        #expect(list.map(\.value) == Array(0..<(existing + 5)))
        // Onto a list with elements, `other` keeps placeholders in its places; onto an empty one it
        // is left empty (the two lists swapped).
        #expect(other.allSatisfy { $0 === placeholder })
        #expect(other.count == (existing == 0 ? 0 : 5))
        for index in list.indices { #expect(isKnownUniquelyReferenced(&list[index])) }
    }

    @Test("Moving an empty list changes nothing")
    func empty() {
        var list = [Box(1)]
        var other: [Box] = []
        list.append(moving: &other, leaving: Box(-1))
        #expect(list.map(\.value) == [1])
        #expect(other.isEmpty)
    }
}
