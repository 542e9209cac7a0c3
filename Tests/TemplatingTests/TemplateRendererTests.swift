import Templating
import Testing

/// Interpolation, sections, inverted sections and partials, written as tables after the Mustache spec.
struct TemplateRendererTests {
    static let interpolation: [RenderCase] = [
        RenderCase(
            name: "Text without tags is copied as is",
            template: "Hello {Mustache}!\n", expected: "Hello {Mustache}!\n"),
        RenderCase(name: "A variable is replaced", template: "Hi {{who}}.", data: ["who": "Ada"], expected: "Hi Ada."),
        RenderCase(
            name: "Double braces escape all five HTML bytes", template: "{{x}}", data: ["x": "a&b<c>d\"e'f"],
            expected: "a&amp;b&lt;c&gt;d&quot;e&#39;f"),
        RenderCase(
            name: "Triple braces do not escape", template: "{{{x}}}", data: ["x": "<b>&</b>"], expected: "<b>&</b>"),
        RenderCase(
            name: "Ampersand does not escape", template: "{{& x}}", data: ["x": "<b>&</b>"], expected: "<b>&</b>"),
        RenderCase(
            name: "Whitespace inside tags is ignored", template: "|{{ x }}|{{{ x }}}|{{&  x }}|", data: ["x": "-"],
            expected: "|-|-|-|"),
        RenderCase(name: "A missing name is empty", template: "[{{nope}}{{{nope}}}{{&nope}}]", expected: "[]"),
        RenderCase(
            name: "Flags interpolate as true and false", template: "{{yes}} {{no}}", data: ["yes": true, "no": false],
            expected: "true false"),
        RenderCase(
            name: "Lists and objects interpolate as empty", template: "[{{l}}{{o}}]",
            data: ["l": ["a"], "o": ["k": "v"]],
            expected: "[]"),
        RenderCase(
            name: "Non-ASCII text passes through", template: "{{x}} ✓", data: ["x": "naïve 🌊 <"],
            expected: "naïve 🌊 &lt; ✓"),
        RenderCase(
            name: "Dotted names reach inside objects", template: "{{a.b.c}} {{{a.b.c}}}",
            data: ["a": ["b": ["c": "<deep>"]]],
            expected: "&lt;deep&gt; <deep>"),
        RenderCase(
            name: "A dotted name's first part is found through the stack",
            template: "{{#inner}}{{outer.name}}{{/inner}}", data: ["outer": ["name": "Phil"], "inner": ["x": "1"]],
            expected: "Phil"),
        RenderCase(
            name: "A broken dotted chain is empty and does not fall back up the stack",
            template: "[{{#a}}{{b.c}}{{/a}}][{{a.b.c}}]", data: ["a": ["b": [:]], "b": ["c": "WRONG"]], expected: "[][]"
        ),
        RenderCase(
            name: "The implicit iterator shows the root text", template: "Hi {{.}}!", data: "<you>",
            expected: "Hi &lt;you&gt;!"),
        RenderCase(
            name: "An interpolation alone on a line is never standalone", template: "  {{x}}\n", data: ["x": "-"],
            expected: "  -\n"),
    ]

    @Test("Interpolation", arguments: interpolation)
    func interpolates(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    static let sections: [RenderCase] = [
        RenderCase(
            name: "A true flag renders once", template: "<{{#f}}yes{{/f}}>", data: ["f": true], expected: "<yes>"),
        RenderCase(
            name: "Falsey values render nothing: false, missing, empty text, empty list",
            template: "<{{#f}}1{{/f}}{{#m}}2{{/m}}{{#t}}3{{/t}}{{#l}}4{{/l}}>", data: ["f": false, "t": "", "l": []],
            expected: "<>"),
        RenderCase(
            name: "An object is pushed on the stack", template: "{{#p}}{{name}} is {{age}}{{/p}}",
            data: ["p": ["name": "Joe", "age": "40"]], expected: "Joe is 40"),
        RenderCase(
            name: "Names missing in the pushed object are found further down the stack",
            template: "{{#sec}}{{a}}, {{b}}{{/sec}}", data: ["a": "foo", "b": "wrong", "sec": ["b": "bar"]],
            expected: "foo, bar"),
        RenderCase(
            name: "Non-empty text renders once and is the implicit iterator",
            template: "{{#foo}}{{.}} is {{foo}}{{/foo}}", data: ["foo": "bar"], expected: "bar is bar"),
        RenderCase(
            name: "A true flag keeps the enclosing context", template: "{{#f}}{{name}}{{/f}}",
            data: ["f": true, "name": "kept"], expected: "kept"),
        RenderCase(
            name: "A list of objects renders once per item", template: "{{#rows}}[{{n}}]{{/rows}}",
            data: ["rows": [["n": "1"], ["n": "2"], ["n": "3"]]], expected: "[1][2][3]"),
        RenderCase(
            name: "A list of strings shows each with the implicit iterator", template: "{{#l}}({{.}}){{/l}}",
            data: ["l": ["a", "<b>", "c"]], expected: "(a)(&lt;b&gt;)(c)"),
        RenderCase(
            name: "Nested lists iterate with {{#.}}", template: "{{#l}}({{#.}}{{.}}{{/.}}){{/l}}",
            data: ["l": [["1", "2"], ["a", "b"]]], expected: "(12)(ab)"),
        RenderCase(
            name: "Nested contexts see every level of the stack",
            template: "{{#tops}}{{#mids}}{{t}}{{m}}.{{#bots}}{{t}}{{m}}{{b}}.{{/bots}}{{/mids}}{{/tops}}",
            data: ["tops": [["t": "A", "mids": [["m": "1", "bots": [["b": "x"], ["b": "y"]]]]]]],
            expected: "A1.A1x.A1y."),
        RenderCase(
            name: "Dotted section names resolve like dotted variables",
            template: "[{{#a.b.c}}here{{/a.b.c}}][{{#a.b.x}}no{{/a.b.x}}][{{#a.z.c}}no{{/a.z.c}}]",
            data: ["a": ["b": ["c": true, "x": false]]], expected: "[here][][]"),
        RenderCase(
            name: "Sections keep the whitespace around and inside them", template: " | {{#f}}\t|\t{{/f}} | \n",
            data: ["f": true], expected: " | \t|\t | \n"),
        RenderCase(
            name: "Nested falsey sections are skipped whole", template: "| A {{#f}}B {{#f}}C{{/f}} D{{/f}} E |",
            data: ["f": false], expected: "| A  E |"),
    ]

    @Test("Sections", arguments: sections)
    func rendersSections(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    static let inverted: [RenderCase] = [
        RenderCase(
            name: "Inverted sections render for every falsey value",
            template: "<{{^f}}1{{/f}}{{^m}}2{{/m}}{{^t}}3{{/t}}{{^l}}4{{/l}}>", data: ["f": false, "t": "", "l": []],
            expected: "<1234>"),
        RenderCase(
            name: "Inverted sections skip truthy values",
            template: "<{{^f}}1{{/f}}{{^t}}2{{/t}}{{^l}}3{{/l}}{{^o}}4{{/o}}>",
            data: ["f": true, "t": "x", "l": ["x"], "o": [:]], expected: "<>"),
        RenderCase(
            name: "An inverted section does not push anything", template: "{{^missing}}{{name}}{{/missing}}",
            data: ["name": "root"], expected: "root"),
        RenderCase(
            name: "Inverted dotted names treat broken chains as falsey", template: "{{^a.b.c}}none{{/a.b.c}}",
            data: ["a": [:]], expected: "none"),
        RenderCase(
            name: "A section and its inverse make an if-else", template: "{{#l}}{{.}}{{/l}}{{^l}}empty{{/l}}",
            data: ["l": []], expected: "empty"),
    ]

    @Test("Inverted sections", arguments: inverted)
    func rendersInvertedSections(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    static let partials: [RenderCase] = [
        RenderCase(
            name: "A partial is expanded", template: "\"{{>p}}\"", partials: ["p": "from partial"],
            expected: "\"from partial\""),
        RenderCase(
            name: "Partial names may hold slashes and padding", template: "|{{> partials/head }}|",
            partials: ["partials/head": "[]"], expected: "|[]|"),
        RenderCase(
            name: "A partial sees the current context stack", template: "{{#rows}}{{>row}}{{/rows}}",
            partials: ["row": "<{{n}}{{title}}>"], data: ["title": "!", "rows": [["n": "1"], ["n": "2"]]],
            expected: "<1!><2!>"),
        RenderCase(
            name: "A partial may include itself inside a section",
            template: "{{>node}}", partials: ["node": "{{name}}({{#kids}}{{>node}}{{/kids}})"],
            data: [
                "name": "root",
                "kids": [["name": "a", "kids": [["name": "a1", "kids": []]]], ["name": "b", "kids": []]],
            ],
            expected: "root(a(a1())b())"),
        RenderCase(
            name: "An inline partial keeps the whitespace around it and is not indented",
            template: "  {{x}}  {{> p}}\n", partials: ["p": ">\n>"], data: ["x": "|"], expected: "  |  >\n>\n"),
        RenderCase(
            name: "A standalone partial indents each line of its text, not of interpolated values",
            template: "\\\n {{>p}}\n/\n", partials: ["p": "|\n{{{content}}}\n|\n"], data: ["content": "<\n->"],
            expected: "\\\n |\n <\n->\n |\n/\n"),
        RenderCase(
            name: "A standalone partial's empty lines stay empty, so no trailing spaces",
            template: "  {{>p}}\n", partials: ["p": "a\n\nb\r\n\r\nc\n"], expected: "  a\n\n  b\r\n\r\n  c\n"),
        RenderCase(
            name: "Nested standalone partials add up their indentation",
            template: "<ul>\n  {{>list}}\n</ul>\n",
            partials: ["list": "{{#items}}\n  {{>item}}\n{{/items}}\n", "item": "<li>{{.}}</li>\n"],
            data: ["items": ["a", "b"]], expected: "<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>\n"),
        RenderCase(
            name: "An indented partial indents lines that begin with a tag",
            template: "\t{{>p}}\n", partials: ["p": "{{a}}\n{{#f}}x{{/f}}\n"], data: ["a": "1", "f": true],
            expected: "\t1\n\tx\n"),
        RenderCase(
            name: "A standalone partial at the start without a previous line", template: "  {{>p}}\n>",
            partials: ["p": ">\n>"], expected: "  >\n  >>"),
        RenderCase(
            name: "A standalone partial at the end without a newline", template: ">\n  {{>p}}", partials: ["p": ">\n>"],
            expected: ">\n  >\n  >"),
        RenderCase(
            name: "A standalone partial line ending in CRLF is removed", template: "|\r\n{{>p}}\r\n|",
            partials: ["p": ">"],
            expected: "|\r\n>|"),
        RenderCase(
            name: "Delimiters set in a partial do not leak into the parent",
            template: "[{{>p}}] {{x}} |x|", partials: ["p": "{{=| |=}}|x|"], data: ["x": "1"], expected: "[1] 1 |x|"),
        RenderCase(
            name: "Delimiters set in the parent do not reach a partial",
            template: "{{=| |=}}[|>p|]", partials: ["p": "{{x}}"], data: ["x": "1"], expected: "[1]"),
    ]

    @Test("Partials", arguments: partials)
    func rendersPartials(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }
}
