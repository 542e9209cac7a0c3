import Templating
import Testing

/// What the flat program could get wrong: where section bodies end, which text belongs to which body,
/// partials met inside sections, remembered field indices, and output larger than the staging area.
struct TemplateProgramTests {
    static let bodies: [RenderCase] = [
        RenderCase(
            name: "Text after a skipped section is not part of its body", template: "{{#f}}in{{/f}}out",
            data: ["f": false], expected: "out"),
        RenderCase(
            name: "Text after a section and a comment is not part of its body",
            template: "a{{#f}}in{{/f}}{{! c }}out{{^f}}not{{/f}}{{! d }}end", data: ["f": false],
            expected: "aoutnotend"),
        RenderCase(
            name: "Text around comments and delimiter changes joins up", template: "a{{! x }}b{{=<% %>=}}c<%! y %>d",
            expected: "abcd"),
        RenderCase(
            name: "Sibling sections after a nested one each render their own body",
            template: "{{#a}}[{{#b}}({{#c}}c{{/c}}){{/b}}]{{/a}}{{#d}}d{{/d}}{{^e}}e{{/e}}|",
            data: ["a": true, "b": true, "c": false, "d": true, "e": false], expected: "[()]de|"),
        RenderCase(
            name: "A skipped outer section skips the sections inside it",
            template: "{{#a}}{{#b}}b{{/b}}{{^b}}!b{{/b}}{{/a}}|{{^a}}{{#b}}B{{/b}}{{/a}}",
            data: ["a": false, "b": true], expected: "|B"),
        RenderCase(
            name: "Empty sections and empty templates render nothing", template: "<{{#a}}{{/a}}{{^a}}{{/a}}>",
            data: ["a": true], expected: "<>"),
    ]

    @Test("Section bodies", arguments: bodies)
    func endsBodies(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    @Test("Sections nested sixty deep open and close in order")
    func nestsDeeply() throws {
        let depth = 60
        var template = ""
        for level in 0..<depth { template += "{{#l\(level)}}<\(level)" }
        template += "{{name}}"
        for level in (0..<depth).reversed() { template += "\(level)>{{/l\(level)}}" }
        var data: [(String, TemplateValue)] = [("name", .text("x"))]
        for level in 0..<depth { data.append(("l\(level)", .bool(true))) }
        let expected =
            (0..<depth).map { "<\($0)" }.joined() + "x" + (0..<depth).reversed().map { "\($0)>" }.joined()
        let row = RenderCase(name: "deep", template: template, data: .object(TemplateObject(data)), expected: expected)
        #expect(try row.render() == row.expected)
    }

    static let partialsAndNames: [RenderCase] = [
        RenderCase(
            name: "A partial inside a section inside a list sees the item and the outer contexts",
            template: "{{#rows}}{{#show}}{{>cell}}{{/show}}{{/rows}}",
            partials: ["cell": "<{{n}}{{sep}}{{#inner}}{{m}}{{/inner}}>"],
            data: [
                "sep": "/",
                "rows": [
                    ["n": "1", "show": true, "inner": ["m": "a"]], ["n": "2", "show": false],
                    ["n": "3", "show": true, "inner": ["m": "b"]],
                ],
            ], expected: "<1/a><3/b>"),
        RenderCase(
            name: "A standalone partial in a list section indents every item",
            template: "<ul>\n{{#rows}}\n  {{>li}}\n{{/rows}}\n</ul>\n", partials: ["li": "<li>\n{{n}}\n</li>\n"],
            data: ["rows": [["n": "1"], ["n": "2"]]],
            expected: "<ul>\n  <li>\n  1\n  </li>\n  <li>\n  2\n  </li>\n</ul>\n"),
        RenderCase(
            name: "Delimiters set inside a section of a partial stay in that partial",
            template: "{{#s}}{{>p}}{{/s}}{{x}}", partials: ["p": "{{#s}}{{=<% %>=}}<%x%>{{x}}<%/s%><%x%>"],
            data: ["s": true, "x": "1"], expected: "1{{x}}11"),
        RenderCase(
            name: "Dotted names that pass through text, a flag or a list are empty",
            template: "[{{a.b}}][{{f.b}}][{{l.b}}][{{#a.b}}x{{/a.b}}][{{^l.b}}none{{/l.b}}]",
            data: ["a": "text", "f": true, "l": [["b": "in list"]]], expected: "[][][][][none]"),
        RenderCase(
            name: "A dotted name whose last part is missing does not fall back to an outer field",
            template: "{{#o}}[{{o.name}}]{{/o}}[{{o.name.x}}]", data: ["name": "outer", "o": ["x": "1"]],
            expected: "[][]"),
    ]

    @Test("Partials and names", arguments: partialsAndNames)
    func rendersPartialsAndNames(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    static let fieldOrders: [RenderCase] = [
        RenderCase(
            name: "Items whose fields come in another order", template: "{{#rows}}{{a}}{{b}}.{{/rows}}",
            data: ["rows": [["a": "1", "b": "2"], ["b": "3", "a": "4"], ["a": "5", "b": "6"]]], expected: "12.43.56."),
        RenderCase(
            name: "Items with fewer fields than the index found before",
            template: "{{#rows}}[{{c}}]{{/rows}}",
            data: [
                "c": "outer",
                "rows": [["a": "1", "b": "2", "c": "3"], ["c": "4"], [:], ["a": "5", "b": "6", "c": "7"]],
            ],
            expected: "[3][4][outer][7]"),
        RenderCase(
            name: "Items with another name of the same length at the index found before",
            template: "{{#rows}}{{ab}}{{/rows}}",
            data: ["rows": [["ab": "1", "cd": "2"], ["cd": "3", "ab": "4"], ["cd": "5"]]],
            expected: "14"),
        RenderCase(
            name: "One name in several templates and contexts", template: "{{n}}{{#o}}{{n}}{{>p}}{{/o}}{{>p}}",
            partials: ["p": "({{n}})"], data: ["o": ["x": "-", "n": "inner"], "n": "root"],
            expected: "rootinner(inner)(root)"),
    ]

    @Test("Objects with fields in different orders", arguments: fieldOrders)
    func findsFieldsInAnyOrder(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    @Test("Output much larger than the staging area arrives whole and in order")
    func rendersLongOutput() throws {
        let items = (0..<5000).map { TemplateValue.object(["n": .text(String($0)), "odd": .bool($0 % 2 == 1)]) }
        let row = RenderCase(
            name: "long", template: "{{#items}}<{{n}}{{#odd}}&amp;{{/odd}}{{^odd}}{{amp}}{{/odd}}>\n{{/items}}end",
            data: ["items": .list(items), "amp": "&"], expected: "")
        let expected = (0..<5000).map { "<\($0)&amp;>\n" }.joined() + "end"
        #expect(try row.render() == expected)
    }

    @Test("Pieces around the staging area's size keep their order", arguments: [4095, 4096, 4097, 8183, 8192, 8193])
    func keepsOrderAroundStagingSize(_ size: Int) throws {
        let big = String(repeating: "x", count: size)
        let escaped = String(repeating: "<", count: size / 4)
        let row = RenderCase(
            name: "sizes", template: "a{{{big}}}b{{big}}c{{e}}d{{{big}}}{{{big}}}e",
            data: ["big": .text(big), "e": .text(escaped)], expected: "")
        let expected =
            "a" + big + "b" + big + "c" + String(repeating: "&lt;", count: size / 4) + "d" + big + big + "e"
        #expect(try row.render() == expected)
    }
}
