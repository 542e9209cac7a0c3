import CoverageModel
import Foundation
import Testing

@testable import HistoryStore

struct RunIdentityTests {
    @Test(
        "SHA-256 hex matches the FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(_ text: String, _ digest: String) {
        #expect(RunIdentity.sha256(text) == digest)
    }

    @Test("A run's id is the same as histories written before keep: time, commit, branch, components in name order")
    func stableID() {
        let id = RunIdentity.id(
            time: Date(timeIntervalSince1970: 1_700_000_000.9), source: RunSource(commit: "abc", branch: "main"),
            components: [("rust", "x"), ("python", "z1-10-a-b")])
        // Computed independently: sha256("tidemark-run-v1\n1700000000\nabc\nmain\npython=z1-10-a-b\nrust=x\n")[:32].
        #expect(id == "765e293b21af9650349e3fbd02a1ffec")
    }
}
