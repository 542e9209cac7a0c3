import Foundation
import Testing

@testable import HistoryStore

/// History URLs: which backend, what messages show of them; PostgreSQL's text forms.
struct HistoryLocationTests {
    @Test(
        "A postgresql:// or postgres:// URL is a server; anything else an SQLite file",
        arguments: [
            ("postgresql://ci@db:5432/coverage", true), ("POSTGRES://ci@db/coverage", true),
            (".tidemark/history.sqlite", false),
            ("postgresql.sqlite", false), ("/srv/postgresql://x", false),
        ])
    func backendOfText(text: String, isServer: Bool) {
        if case .postgres = HistoryLocation(text) { #expect(isServer) } else { #expect(!isServer) }
    }

    @Test(
        "Messages never show a password: in the user part (even with / or @ unencoded) or in a parameter",
        arguments: [
            (
                "postgresql://ci:s3cret@db:5432/coverage?sslmode=require",
                "postgresql://ci:***@db:5432/coverage?sslmode=require", "s3cret"
            ),
            ("postgresql://ci:p%40ss@db/cov", "postgresql://ci:***@db/cov", "p@ss"),
            ("postgresql://ci:a/b@c@db/cov", "postgresql://ci:***@db/cov", "a/b@c"),
            (
                "postgresql://db/cov?user=ci&password=hunter22&sslmode=verify-full",
                "postgresql://db/cov?user=ci&password=***&sslmode=verify-full", "hunter22"
            ),
            ("postgresql://ci@db/cov?sslpassword=keypass", "postgresql://ci@db/cov?sslpassword=***", "keypass"),
            ("postgresql://ci@db:5432/coverage", "postgresql://ci@db:5432/coverage", nil),
            ("postgresql:///coverage?host=/run/postgresql", "postgresql:///coverage?host=/run/postgresql", nil),
        ])
    func redaction(url: String, shown: String, password: String?) {
        let location = HistoryLocation(url)
        #expect(location.display == shown)
        #expect(location.urlPassword == password)
        if let password { #expect(!location.display.contains(password)) }
    }

    @Test("SQLite placeholders become PostgreSQL's: ? in order, ?N by number, quotes and comments left alone")
    func placeholders() {
        #expect(
            PostgresText.numbered("SELECT a FROM t WHERE b = ? AND c IN (?, ?)")
                == "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)")
        #expect(
            PostgresText.numbered("DELETE FROM x WHERE a = ?1 AND b = ?3 LIMIT ?2 OR a = ?1")
                == "DELETE FROM x WHERE a = $1 AND b = $3 LIMIT $2 OR a = $1")
        #expect(
            PostgresText.numbered("SELECT '?', \"q?\", 'it''s ?' -- why?\nFROM t WHERE a = ?")
                == "SELECT '?', \"q?\", 'it''s ?' -- why?\nFROM t WHERE a = $1")
    }

    @Test("COPY rows: tabs, newlines and backslashes escaped, NULL as \\N, bytes as escaped hex")
    func copyRows() {
        var out: [UInt8] = []
        PostgresText.appendCopyRow(
            [.integer(-42), .text("a\tb\nc\\d\re"), .null, .blob(Data([0, 0xAB, 0xFF]))], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "-42\ta\\tb\\nc\\\\d\\re\t\\N\t\\\\x00abff\n")
    }

    @Test("Result text: integers with a sign, bytea in hex")
    func resultText() {
        #expect(PostgresText.integer("-1700000000") == -1_700_000_000)
        #expect(PostgresText.integer("9223372036854775807") == Int.max)
        #expect(PostgresText.integer("0") == 0)
        let hex = "\\x00abFF10"
        #expect(hex.withCString { PostgresText.bytea($0, count: hex.utf8.count) } == Data([0, 0xAB, 0xFF, 0x10]))
        #expect("\\x".withCString { PostgresText.bytea($0, count: 2) } == Data())
    }
}
