import SyntaxHighlight
import Testing

struct RustLexerTests {
    @Test("Keywords, types, attributes, numbers with suffixes and ranges")
    func basics() {
        #expect(
            marked("#[derive(Debug)] pub fn add(a: u32) -> u32 { a + 10u32 }", .rust)
                == "[m:#[derive(Debug)]] [k:pub] [k:fn] add(a: [k:u32]) -> [k:u32] { a + [n:10u32] }")
        #expect(
            marked("for i in 0..10 { let x = 1.5f64; }", .rust)
                == "[k:for] i [k:in] [n:0]..[n:10] { [k:let] x = [n:1.5f64]; }")
        // The `.10` of a range is not a number starting with its point.
        #expect(marked("let r = a..10; let s = ..=5;", .rust) == "[k:let] r = a..[n:10]; [k:let] s = ..=[n:5];")
        #expect(marked("#![allow(dead_code)]", .rust) == "[m:#![allow(dead_code)]]")
    }

    @Test("Character literals are strings; lifetimes are not")
    func charactersAndLifetimes() {
        #expect(
            marked("fn f<'a>(s: &'a str) -> char { 'x' }", .rust)
                == "[k:fn] f<'a>(s: &'a [k:str]) -> [k:char] { [s:'x'] }")
        #expect(
            marked("let c = '\\n'; let e = 'é'; let s: &'static str;", .rust)
                == "[k:let] c = [s:'\\n']; [k:let] e = [s:'é']; [k:let] s: &'[k:static] [k:str];")
    }

    @Test("Raw strings with hashes, byte strings, nested block comments over lines")
    func rawAndNested() {
        #expect(
            marked(##"let r = r#"a "quoted" b"#; let b = b"x";"##, .rust)
                == ##"[k:let] r = [s:r#"a "quoted" b"#]; [k:let] b = [s:b"x"];"##)
        #expect(
            marked(["/* outer /* inner */", "still comment */ fn"], .rust)
                == ["[c:/* outer /* inner */]", "[c:still comment */] [k:fn]"])
        #expect(
            marked(["let s = \"multi", "line\"; // done"], .rust) == [
                "[k:let] s = [s:\"multi]", "[s:line\"]; [c:// done]",
            ])
        // A backslash at the end of a line continues the string.
        #expect(
            marked(["const M: &str = \"\\", "03:00 120", "\";"], .rust)
                == ["[k:const] M: &[k:str] = [s:\"\\]", "[s:03:00 120]", "[s:\"];"])
    }
}
