import Templating
import Testing

/// Objects as callers build them: literals, lookups by name, equality and the one-name-once rule.
struct TemplateObjectTests {
    @Test("A literal keeps every field, found by name")
    func looksUpLiteralFields() {
        let object: TemplateObject = [
            "title": .text("Report"), "isEmpty": .bool(false), "rows": .list([.text("a")]), "raw": .utf8([0x3C]),
        ]
        #expect(object["title"] == .text("Report"))
        #expect(object["isEmpty"] == .bool(false))
        #expect(object["rows"] == .list([.text("a")]))
        #expect(object["raw"] == .utf8([0x3C]))
    }

    @Test(
        "A name that is not a field is nil, also when it shares a field's length or prefix",
        arguments: ["", "titl", "title2", "Title", "tidal", "rows "])
    func missesOtherNames(_ name: String) {
        let object: TemplateObject = ["title": .text("Report"), "rows": .list([])]
        #expect(object[name] == nil)
    }

    @Test("Names compare as text, whatever their length or script")
    func looksUpLongAndNonASCIINames() {
        let long = String(repeating: "field", count: 10)
        let object = TemplateObject([(long, .text("long")), ("größe", .text("size")), (long + "!", .text("other"))])
        #expect(object[String(repeating: "field", count: 10)] == .text("long"))
        #expect(object["größe"] == .text("size"))
        #expect(object["grösse"] == nil)
    }

    @Test("Objects with the same fields are equal in any order")
    func comparesRegardlessOfOrder() {
        let a: TemplateObject = ["x": .text("1"), "y": .bool(true), "z": .list([])]
        let b: TemplateObject = ["z": .list([]), "x": .text("1"), "y": .bool(true)]
        #expect(a == b)
        #expect(TemplateValue.object(a) == .object(b))
    }

    @Test(
        "Objects differ when a value, a name or the number of fields differs",
        arguments: [
            ["x": .text("1"), "y": .bool(false)],
            ["x": .text("1"), "w": .bool(true)],
            ["x": .text("1")],
            ["x": .text("1"), "y": .bool(true), "z": .bool(true)],
            ["x": .utf8(Array("1".utf8)), "y": .bool(true)],
        ] as [TemplateObject])
    func comparesValuesAndNames(_ other: TemplateObject) {
        let object: TemplateObject = ["x": .text("1"), "y": .bool(true)]
        #expect(object != other)
        #expect(other != object)
    }

    @Test("An object made from a dictionary equals the literal with the same fields")
    func buildsFromDictionary() {
        var fields: [String: TemplateValue] = [:]
        fields["b"] = .text("2")
        fields["a"] = .text("1")
        let literal: TemplateObject = ["a": .text("1"), "b": .text("2")]
        #expect(TemplateObject(fields) == literal)
        #expect(TemplateValue.object(fields) == .object(literal))
    }

    /// Whether names are checked: in debug builds (`swift test`), not in release builds.
    static let checksNames = _isDebugAssertConfiguration()

    @Test("A name given twice stops a debug build, as a dictionary literal does", .enabled(if: checksNames))
    func rejectsRepeatedNames() async {
        await #expect(processExitsWith: .failure) {
            _ = TemplateObject([("a", .text("1")), ("b", .text("2")), ("a", .text("3"))])
        }
    }

    @Test("Adding a name the object has, or adding one name twice, stops a debug build", .enabled(if: checksNames))
    func addingRejectsRepeatedNames() async {
        await #expect(processExitsWith: .failure) {
            let base: TemplateObject = ["title": .text("t"), "rows": .list([])]
            _ = base.adding([("extra", .bool(true)), ("title", .text("again"))])
        }
        await #expect(processExitsWith: .failure) {
            let base: TemplateObject = ["title": .text("t")]
            _ = base.adding([("extra", .bool(true)), ("extra", .bool(false))])
        }
    }

    @Test("Added fields follow the object's own and are found by name")
    func addsFields() {
        let base: TemplateObject = ["ab": .text("1"), "title": .text("t")]
        let object = base.adding([("cd", .text("2")), ("isStale", .bool(false))])
        #expect(object == ["ab": .text("1"), "title": .text("t"), "cd": .text("2"), "isStale": .bool(false)])
        #expect(object["cd"] == .text("2"))
        #expect(base["cd"] == nil)
    }

    @Test("Names of the same length are not mistaken for repeats")
    func acceptsNamesOfEqualLength() {
        let object = TemplateObject([("ab", .text("1")), ("cd", .text("2")), ("ef", .text("3"))])
        #expect(object["cd"] == .text("2"))
    }
}
