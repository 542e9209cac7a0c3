import Templating
import Testing

/// The `.utf8` case: bytes shown exactly as the same text would be.
struct TemplateValueTests {
    static func render(_ template: String, _ data: TemplateValue) throws -> String {
        String(decoding: try TemplateLibrary(templates: ["main": template]).render("main", data), as: UTF8.self)
    }

    @Test(
        "Bytes render exactly as the same text does",
        arguments: [
            "{{x}}", "{{{x}}}", "{{& x}}", "[{{#x}}yes{{/x}}{{^x}}no{{/x}}]", "{{#x}}{{.}}|{{{.}}}{{/x}}",
        ],
        ["", "plain", "a&b<c>d\"e'f", "naïve 🌊 <", "<tr>\n<td>1</td>\n</tr>\n"])
    func rendersLikeText(_ template: String, _ text: String) throws {
        let expected = try Self.render(template, ["x": .text(text)])
        #expect(try Self.render(template, ["x": .utf8(Array(text.utf8))]) == expected)
    }

    @Test("Empty bytes are falsey and non-empty bytes truthy")
    func emptyBytesAreFalsey() throws {
        let template = "{{#e}}E{{/e}}{{^e}}e{{/e}}{{#f}}F{{/f}}{{^f}}f{{/f}}"
        #expect(try Self.render(template, ["e": .utf8([]), "f": .utf8([0x41])]) == "eF")
    }

    @Test("A large raw value is appended whole, between the template's own text")
    func appendsLargeRawValue() throws {
        let rows = (0..<3000).map { "<tr id=\"L\($0)\"><td>\($0)</td><td>a &amp; b</td></tr>\n" }.joined()
        let rendered = try Self.render("<tbody>\n{{{rows}}}</tbody>\n", ["rows": .utf8(Array(rows.utf8))])
        #expect(rows.utf8.count > 100_000)
        #expect(rendered == "<tbody>\n" + rows + "</tbody>\n")
    }

    @Test("A large escaped value is escaped whole")
    func escapesLargeValue() throws {
        let text = String(repeating: "if a < b && c > \"d\" { 'e' }\n", count: 2000)
        let rendered = try Self.render("[{{x}}]", ["x": .utf8(Array(text.utf8))])
        #expect(rendered == "[" + HTMLEscapingTests.reference(text) + "]")
    }

    @Test("A standalone partial indents its own lines, not the lines of a bytes value")
    func doesNotIndentBytes() throws {
        let library = try TemplateLibrary(templates: ["main": "  {{>p}}\n", "p": "<{{{x}}}>\n"])
        let rendered = try library.render("main", ["x": .utf8(Array("a\nb".utf8))])
        #expect(String(decoding: rendered, as: UTF8.self) == "  <a\nb>\n")
    }

    @Test("Bytes and text of the same content are different values")
    func bytesAreNotText() {
        #expect(TemplateValue.utf8(Array("a".utf8)) != .text("a"))
        #expect(TemplateValue.utf8(Array("a".utf8)) == .utf8([0x61]))
    }
}
