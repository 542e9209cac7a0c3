import Formatting
import Testing

@Suite("Escaping for Markdown tables and workflow commands")
struct PlainTextEscapingTests {
    @Test(
        "A Markdown cell cannot end the cell, open HTML or a code span, or break the row",
        arguments: [
            ("plain name", "plain name"), ("a|b", "a\\|b"), ("<script>&", "&lt;script&gt;&amp;"),
            ("`code`", "'code'"), ("two\nlines\r\nand\rmore", "two lines and more"), ("é ✓", "é ✓"),
        ])
    func markdownCell(text: String, expected: String) {
        #expect(PlainTextEscaping.markdownCell(text) == expected)
    }

    @Test("Workflow messages encode only %, CR and LF, so a colon in a message reads as a colon")
    func workflowData() {
        #expect(
            PlainTextEscaping.workflowData("line 95.0%: down\r\nagain, twice") == "line 95.0%25: down%0D%0Aagain, twice"
        )
    }

    @Test("Workflow properties also encode : and , which would end the value")
    func workflowProperty() {
        #expect(PlainTextEscaping.workflowProperty("Tidemark a:b,c%\n") == "Tidemark a%3Ab%2Cc%25%0A")
    }
}
