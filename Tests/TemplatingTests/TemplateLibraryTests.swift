import Templating
import Testing

/// The library as the site renderer uses it: names, buffers and the errors that are not syntax.
struct TemplateLibraryTests {
    @Test("Names are sorted")
    func sortsNames() throws {
        let library = try TemplateLibrary(templates: ["index": "", "partials/head": "", "file": ""])
        #expect(library.names == ["file", "index", "partials/head"])
    }

    @Test("Rendering into a buffer appends to what is already there")
    func appendsToBuffer() throws {
        let library = try TemplateLibrary(templates: ["row": "<td>{{n}}</td>"])
        var out = Array("<tr>".utf8)
        try library.render("row", ["n": "1"], into: &out)
        try library.render("row", ["n": "2"], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "<tr><td>1</td><td>2</td>")
    }

    @Test("A missing partial is an error at init, with the line of the tag")
    func rejectsMissingPartial() {
        #expect(throws: TemplateError.missingPartial(name: "partials/foot", template: "index", line: 3)) {
            try TemplateLibrary(templates: ["index": "a\n{{#x}}\n  {{> partials/foot}}\n{{/x}}", "partials/head": ""])
        }
    }

    @Test("Rendering a template that is not in the library is an error")
    func rejectsMissingTemplate() throws {
        let library = try TemplateLibrary(templates: ["index": ""])
        #expect(throws: TemplateError.missingTemplate(name: "file")) { try library.render("file", [:]) }
    }

    @Test("A partial that includes itself without end stops at the depth limit")
    func stopsUnboundedRecursion() throws {
        let library = try TemplateLibrary(templates: ["loop": "{{#on}}x{{>loop}}{{/on}}"])
        #expect(throws: TemplateError.recursionLimit(template: "loop", depth: 200)) {
            try library.render("loop", ["on": true])
        }
    }

    @Test("Each template keeps its own nodes when several share partials")
    func sharesPartials() throws {
        let library = try TemplateLibrary(templates: [
            "index": "{{>partials/head}}index", "file": "{{>partials/head}}file", "partials/head": "<h1>{{title}}</h1>",
        ])
        #expect(try library.render("index", ["title": "A"]) == Array("<h1>A</h1>index".utf8))
        #expect(try library.render("file", ["title": "B"]) == Array("<h1>B</h1>file".utf8))
    }

    @Test(
        "Error descriptions carry the template and position",
        arguments: [
            (
                TemplateError.syntax(template: "index", line: 3, column: 7, message: "empty tag name"),
                "index:3:7: empty tag name"
            ),
            (
                .missingPartial(name: "p", template: "index", line: 2),
                "index:2: partial 'p' is not in the template library"
            ),
            (.missingTemplate(name: "file"), "no template named 'file'"),
            (
                .recursionLimit(template: "loop", depth: 200),
                "loop: partials nested more than 200 deep; does a partial include itself without end?"
            ),
        ])
    func describesErrors(_ error: TemplateError, _ text: String) {
        #expect(error.description == text)
    }
}
