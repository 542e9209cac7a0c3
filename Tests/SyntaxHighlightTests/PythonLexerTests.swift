import SyntaxHighlight
import Testing

struct PythonLexerTests {
    @Test("Keywords, comments, numbers, decorators and every string prefix")
    func basics() {
        #expect(
            marked("def f(x=0x1F, y=1_000.5e-3j):  # note 'quoted'", .python)
                == "[k:def] f(x=[n:0x1F], y=[n:1_000.5e-3j]):  [c:# note 'quoted']")
        #expect(marked("@functools.cache", .python) == "[m:@functools.cache]")
        #expect(
            marked("x = rb'\\x00' + F\"{a!r}\" + u'é'", .python)
                == "x = [s:rb'\\x00'] + [s:F\"{a!r}\"] + [s:u'é']")
        #expect(
            marked("if a is not None and b: return True", .python)
                == "[k:if] a [k:is] [k:not] [k:None] [k:and] b: [k:return] [k:True]")
        // Identifiers that start like a keyword or a prefix stay plain.
        #expect(marked("define = fr_value + rb", .python) == "define = fr_value + rb")
        // A number may start with its point; an attribute's point is punctuation.
        #expect(marked("x = .5 + a.b[.25:]", .python) == "x = [n:.5] + a.b[[n:.25]:]")
    }

    @Test("Triple-quoted strings run over lines; a # inside a string is not a comment")
    func multiline() {
        #expect(
            marked(["s = \"\"\"first", "# still text", "end\"\"\" + '#'  # comment"], .python)
                == ["s = [s:\"\"\"first]", "[s:# still text]", "[s:end\"\"\"] + [s:'#']  [c:# comment]"])
        #expect(
            marked(["x = '''a", "b''' if y else 2"], .python) == ["x = [s:'''a]", "[s:b'''] [k:if] y [k:else] [n:2]"])
    }

    @Test("An unclosed single-quoted string ends at the line's end; the next line is code")
    func unclosed() {
        #expect(marked(["x = 'oops", "y = 1"], .python) == ["x = [s:'oops]", "y = [n:1]"])
    }
}
