import Templating
import Testing

/// Comments, set delimiters, standalone-line removal and syntax errors with their exact positions.
struct TemplateParserTests {
    static let comments: [RenderCase] = [
        RenderCase(
            name: "An inline comment is removed", template: "12345{{! Comment Block! }}67890", expected: "1234567890"),
        RenderCase(name: "A comment may span lines", template: "12{{!\n  multi\n  line\n}}34\n", expected: "1234\n"),
        RenderCase(
            name: "A standalone comment line is removed", template: "Begin.\n{{! gone }}\nEnd.\n",
            expected: "Begin.\nEnd.\n"),
        RenderCase(
            name: "An indented standalone multi-line comment is removed",
            template: "Begin.\n  {{!\n    gone\n  }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        RenderCase(
            name: "An inline comment keeps the whitespace around it",
            template: "  12 {{! 34 }}\n", expected: "  12 \n"),
    ]

    @Test("Comments", arguments: comments)
    func removesComments(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    static let delimiters: [RenderCase] = [
        RenderCase(
            name: "New delimiters replace the braces", template: "{{=<% %>=}}(<%x%>)", data: ["x": "Hey!"],
            expected: "(Hey!)"),
        RenderCase(
            name: "Regex-special characters are plain delimiters", template: "({{=[ ]=}}[x])", data: ["x": "ok"],
            expected: "(ok)"),
        RenderCase(
            name: "Padding inside the tag is ignored", template: "|{{= @   @ =}}|@x@", data: ["x": "-"], expected: "||-"
        ),
        RenderCase(
            name: "Delimiters can be switched back", template: "{{=<% %>=}}<%x%>{{x}}<%={{ }}=%>{{x}}",
            data: ["x": "1"],
            expected: "1{{x}}1"),
        RenderCase(
            name: "Triple and ampersand tags work with new delimiters", template: "{{=<% %>=}}<%{x}%> <%& x%> <%x%>",
            data: ["x": "<"], expected: "< < &lt;"),
        RenderCase(
            name: "Delimiters set outside a section persist into it, and the tags change with them",
            template: "[\n{{#s}}\n  {{d}}\n  |d|\n{{/s}}\n{{= | | =}}\n|#s|\n  {{d}}\n  |d|\n|/s|\n]\n",
            data: ["s": true, "d": "D"], expected: "[\n  D\n  |d|\n  {{d}}\n  D\n]\n"),
        RenderCase(
            name: "Delimiters set inside a section stay set after it",
            template: "{{#s}}{{=<% %>=}}<%/s%><%x%>", data: ["s": true, "x": "1"], expected: "1"),
        RenderCase(
            name: "A set-delimiter tag inline keeps surrounding whitespace", template: " | {{=@ @=}}\n",
            expected: " | \n"),
    ]

    @Test("Set delimiters", arguments: delimiters)
    func setsDelimiters(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    static let standaloneLines: [RenderCase] = [
        RenderCase(
            name: "Standalone section lines are removed with their newline",
            template: "| This Is\n{{#f}}\n|\n{{/f}}\n| A Line\n", data: ["f": true],
            expected: "| This Is\n|\n| A Line\n"),
        RenderCase(
            name: "Indented standalone lines are removed with their indentation",
            template: "| This Is\n  {{^f}}\n|\n\t{{/f}}  \n| A Line\n", data: ["f": false],
            expected: "| This Is\n|\n| A Line\n"),
        RenderCase(
            name: "CRLF ends a standalone line too", template: "|\r\n{{#f}}\r\n{{/f}}\r\n|", data: ["f": true],
            expected: "|\r\n|"),
        RenderCase(
            name: "A standalone tag needs no line before it", template: "  {{#f}}\n#{{/f}}\n/", data: ["f": true],
            expected: "#\n/"),
        RenderCase(
            name: "A standalone tag needs no newline after it", template: "#{{#f}}\n/\n  {{/f}}", data: ["f": true],
            expected: "#\n/\n"),
        RenderCase(name: "A standalone comment at the very start is removed", template: "  {{! c }}\n!", expected: "!"),
        RenderCase(
            name: "A standalone set-delimiter tag is removed", template: "Begin.\n  {{=@ @=}}\nEnd.\n",
            expected: "Begin.\nEnd.\n"),
        RenderCase(
            name: "Two tags on one line are not standalone", template: "a\n  {{#f}}{{/f}}\nb", data: ["f": true],
            expected: "a\n  \nb"),
        RenderCase(
            name: "A section tag after an interpolation on its line is not standalone",
            template: "{{x}} {{#f}}\nyes\n{{/f}}\n", data: ["x": "-", "f": true], expected: "- \nyes\n"),
        RenderCase(
            name: "A tag with text after it on the line is not standalone", template: "  {{#f}}x\n{{/f}}",
            data: ["f": true],
            expected: "  x\n"),
        RenderCase(
            name: "Nested standalone sections leave only their content",
            template: "<ul>\n  {{#rows}}\n    {{#show}}\n    <li>{{n}}</li>\n    {{/show}}\n  {{/rows}}\n</ul>\n",
            data: ["rows": [["n": "1", "show": true], ["n": "2", "show": false], ["n": "3", "show": true]]],
            expected: "<ul>\n    <li>1</li>\n    <li>3</li>\n</ul>\n"),
    ]

    @Test("Standalone lines", arguments: standaloneLines)
    func removesStandaloneLines(_ row: RenderCase) throws {
        #expect(try row.render() == row.expected)
    }

    // MARK: - Errors

    static let syntaxErrors: [(template: String, line: Int, column: Int, message: String)] = [
        ("a\n  {{name", 2, 3, "unclosed tag: no '}}' follows"),
        ("{{{name}}", 1, 1, "unclosed tag: no '}}}' follows"),
        ("x\n{{#rows}}\n{{/rows}}\n  {{^rows}}\n", 4, 3, "unclosed section 'rows'"),
        ("{{#a}}\n {{/b}}", 2, 2, "closing tag 'b' does not match open section 'a'"),
        ("x{{/a}}", 1, 2, "closing tag 'a' has no open section"),
        ("ok\n{{ }}", 2, 1, "empty tag name"),
        ("{{#}}{{/}}", 1, 1, "empty tag name"),
        ("{{a b}}", 1, 1, "tag name 'a b' contains whitespace"),
        ("{{a..b}}", 1, 1, "tag name 'a..b' has an empty part between dots"),
        ("{{> }}", 1, 1, "empty partial name"),
        ("é ü {{a", 1, 5, "unclosed tag: no '}}' follows"),
        ("\n\n  {{$block}}x{{/block}}", 3, 3, "template inheritance (blocks and parents) is not supported"),
        ("{{<parent}}{{/parent}}", 1, 1, "template inheritance (blocks and parents) is not supported"),
        ("{{>*dynamic}}", 1, 1, "dynamic partial names are not supported"),
        ("{{=<% %>}}", 1, 1, malformedDelimiters),
        ("a {{=<%=}}", 1, 3, malformedDelimiters),
        ("{{=<% % %>=}}", 1, 1, malformedDelimiters),
        ("{{=a= b=}}", 1, 1, malformedDelimiters),
        ("{{=<% %>=}}\n<%#a%><%/b%>", 2, 7, "closing tag 'b' does not match open section 'a'"),
    ]

    static let malformedDelimiters =
        "malformed set-delimiter tag: expected two delimiters without '=', as in {{=<% %>=}}"

    @Test("Syntax errors name the template, line and column of the offending tag", arguments: syntaxErrors)
    func reportsSyntaxErrors(_ row: (template: String, line: Int, column: Int, message: String)) {
        #expect(
            throws: TemplateError.syntax(template: "page", line: row.line, column: row.column, message: row.message)
        ) {
            try TemplateLibrary(templates: ["page": row.template])
        }
    }
}
