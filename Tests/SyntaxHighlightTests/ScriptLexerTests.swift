import SyntaxHighlight
import Testing

struct JavaScriptLexerTests {
    @Test("Template literals over lines, $ in names, BigInt, decorators")
    func basics() {
        #expect(
            marked(["const $el = `line ${a}", "more` + 'x' + 10n; // end"], .javaScript)
                == ["[k:const] $el = [s:`line ${a}]", "[s:more`] + [s:'x'] + [n:10n]; [c:// end]"])
        #expect(
            marked("export default async function () { return this ?? undefined }", .javaScript)
                == "[k:export] [k:default] [k:async] [k:function] () { [k:return] [k:this] ?? [k:undefined] }")
        // A division is not a comment or a string.
        #expect(marked("x = a / b / 2", .javaScript) == "x = a / b / [n:2]")
    }
}

struct TypeScriptLexerTests {
    @Test("TypeScript's own words on top of JavaScript's")
    func basics() {
        #expect(
            marked("@Injectable() export interface A { readonly x: number; y?: string }", .typeScript)
                == "[m:@Injectable]() [k:export] [k:interface] A { [k:readonly] x: [k:number]; y?: [k:string] }")
        #expect(
            marked("type T = keyof typeof o satisfies unknown", .typeScript)
                == "[k:type] T = [k:keyof] [k:typeof] o [k:satisfies] [k:unknown]")
    }
}

struct PHPLexerTests {
    @Test("Both comment styles, attributes, case-insensitive keywords, variables, strings over lines")
    func basics() {
        #expect(marked("<?php # comment", .php) == "<?php [c:# comment]")
        #expect(
            marked("#[Route('/x')] PUBLIC Function show($id) { return NULL; } // end", .php)
                == "[m:#[Route('/x')]] [k:PUBLIC] [k:Function] show($id) { [k:return] [k:NULL]; } [c:// end]")
        #expect(
            marked(["$s = \"multi", "line $x\"; $n = 0x1A;"], .php)
                == ["$s = [s:\"multi]", "[s:line $x\"]; $n = [n:0x1A];"])
        // A variable named like a keyword is a variable.
        #expect(marked("$class = $function;", .php) == "$class = $function;")
    }
}

struct SwiftLexerTests {
    @Test("Attributes, nested comments, multi-line and raw strings, keywords")
    func basics() {
        #expect(
            marked("@MainActor public struct A: Sendable { let x = 0xFF_FF }", .swift)
                == "[m:@MainActor] [k:public] [k:struct] A: Sendable { [k:let] x = [n:0xFF_FF] }")
        #expect(
            marked(["let s = \"\"\"", "  a \"b\" \\(c)", "  \"\"\" // done"], .swift)
                == ["[k:let] s = [s:\"\"\"]", "[s:  a \"b\" \\(c)]", "[s:  \"\"\"] [c:// done]"])
        #expect(
            marked(##"let r = #"a \" b"#; guard x else { return nil }"##, .swift)
                == ##"[k:let] r = [s:#"a \" b"#]; [k:guard] x [k:else] { [k:return] [k:nil] }"##)
        #expect(
            marked(["/* a /* b */", "c */ func f() {}"], .swift) == ["[c:/* a /* b */]", "[c:c */] [k:func] f() {}"])
    }
}

struct HighlighterRobustnessTests {
    @Test("Every language survives odd bytes: unterminated literals, lone quotes, control and non-ASCII bytes")
    func oddInput() {
        let lines = [
            "'", "\"", "`", "/*", "r#\"", "R\"(", "#[", "@", "0x", "1e", "é'ü", "\u{1}\u{7F}", "", "'\\", "@\"",
            "$\"\"\"",
        ]
        for language in Language.allCases {
            var highlighter = Highlighter(language: language)
            for (line, tokens) in zip(lines, highlighter.tokens(in: lines)) {
                var last: Int32 = 0
                for token in tokens {
                    #expect(
                        token.start >= last && token.end > token.start && Int(token.end) <= line.utf8.count,
                        "\(language) \(line)")
                    last = token.end
                }
            }
        }
    }
}
