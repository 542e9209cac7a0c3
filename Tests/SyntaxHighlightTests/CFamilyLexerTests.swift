import SyntaxHighlight
import Testing

struct CFamilyLexerTests {
    @Test("C: preprocessor lines, keywords, char and string literals, numbers with suffixes")
    func c() {
        #expect(marked("#include <stdio.h> // io", .cFamily) == "[m:#include <stdio.h> ][c:// io]")
        #expect(marked("  #define N 0x10UL", .cFamily) == "  [m:#define N 0x10UL]")
        #expect(
            marked("static int f(char c) { return c == '\\'' ? 1.5e+3f : 0; }", .cFamily)
                == "[k:static] [k:int] f([k:char] c) { [k:return] c == [s:'\\''] ? [n:1.5e+3f] : [n:0]; }")
        #expect(
            marked(["int x; /* open", "*/ x = L\"wide\";"], .cFamily)
                == ["[k:int] x; [c:/* open]", "[c:*/] x = [s:L\"wide\"];"])
    }

    @Test("C++: class keywords, raw strings over lines, a # that is not at the line's start")
    func cpp() {
        #expect(
            marked("template <typename T> class A : public B { constexpr auto x = nullptr; };", .cFamily)
                == "[k:template] <[k:typename] T> [k:class] A : [k:public] B { [k:constexpr] [k:auto] x = [k:nullptr]; "
                + "};"
        )
        #expect(
            marked(["auto s = R\"sql(SELECT \"a\"", ")\" still)sql\"; int y;"], .cFamily)
                == ["[k:auto] s = [s:R\"sql(SELECT \"a\"]", "[s:)\" still)sql\"]; [k:int] y;"])
        #expect(marked("x = a # b;", .cFamily) == "x = a # b;")
        // The encoding prefixes of raw strings; an `L` or a `u8` alone before a quote is an ordinary prefix.
        #expect(
            marked("f(u8R\"(a\")\", LR\"x(b)x\", uR\"(c)\", UR\"(d)\", L\"e\", u8\"f\", LR);", .cFamily)
                == "f([s:u8R\"(a\")\"], [s:LR\"x(b)x\"], [s:uR\"(c)\"], [s:UR\"(d)\"], [s:L\"e\"], [s:u8\"f\"], LR);")
    }
}

struct GoLexerTests {
    @Test("Keywords, built-in types, raw strings over lines, runes")
    func basics() {
        #expect(
            marked("func (r *Router) Use(mw ...MiddlewareFunc) error { return nil }", .go)
                == "[k:func] (r *Router) Use(mw ...MiddlewareFunc) [k:error] { [k:return] [k:nil] }")
        #expect(
            marked(["s := `raw \\n", "still` + \"x\\\"y\" + string('a')"], .go)
                == ["s := [s:`raw \\n]", "[s:still`] + [s:\"x\\\"y\"] + [k:string]([s:'a'])"])
        #expect(marked("x := 0b1010 + 0o17 + 1_000 // go", .go) == "x := [n:0b1010] + [n:0o17] + [n:1_000] [c:// go]")
    }
}

struct JavaLexerTests {
    @Test("Annotations, keywords, text blocks, char literals, long suffixes")
    func basics() {
        #expect(
            marked("@Override public int compareTo(Calc other) { return 0L; }", .java)
                == "[m:@Override] [k:public] [k:int] compareTo(Calc other) { [k:return] [n:0L]; }")
        #expect(
            marked(["String s = \"\"\"", "  text \"quoted\"", "  \"\"\"; char c = 'x';"], .java)
                == ["String s = [s:\"\"\"]", "[s:  text \"quoted\"]", "[s:  \"\"\"]; [k:char] c = [s:'x'];"])
        #expect(marked("/** Javadoc */ var $x = null;", .java) == "[c:/** Javadoc */] [k:var] $x = [k:null];")
    }
}

struct CSharpLexerTests {
    @Test("Verbatim strings with doubled quotes, interpolated strings, preprocessor lines")
    func basics() {
        #expect(
            marked("var p = @\"C:\\temp\\\"\"x\"\"\"; // path", .cSharp)
                == "[k:var] p = [s:@\"C:\\temp\\\"\"x\"\"\"]; [c:// path]")
        #expect(marked("#region Helpers", .cSharp) == "[m:#region Helpers]")
        #expect(
            marked("public async Task<int> Get() => await $\"{a}\".Length + 1.5m;", .cSharp)
                == "[k:public] [k:async] Task<[k:int]> Get() => [k:await] [s:$\"{a}\"].Length + [n:1.5m];")
        #expect(
            marked(["string s = \"\"\"", "raw \" text", "\"\"\";"], .cSharp)
                == ["[k:string] s = [s:\"\"\"]", "[s:raw \" text]", "[s:\"\"\"];"])
    }
}
