import Foundation
import Ingest
import TestSupport
import Testing

/// Hostile inputs: entity expansion and external entities are refused quickly, and no byte of a
/// local file reaches the result or the error.
struct SafeParsingTests {
    @Test(
        "Billion laughs and XXE fixtures are refused within a second",
        arguments: ["security-billion-laughs.xml", "security-xxe-local-file.xml", "security-xxe-parameter-entity.xml"])
    func refusedQuickly(_ name: String) {
        let clock = ContinuousClock()
        var thrown: IngestError?
        let elapsed = clock.measure {
            do { _ = try CoberturaParser().parse(contentsOf: FixturePaths.fixture(name)) } catch {
                thrown = error as? IngestError
            }
        }
        #expect(thrown?.kind == "malformed")
        #expect(elapsed < .seconds(1))
    }

    @Test("An external entity naming a local file never brings its bytes into the report or the error")
    func externalEntityLeaksNothing() throws {
        let folder = try TemporaryFolder()
        let secret = "tidemark-secret-\(UInt64.random(in: 1...UInt64.max))"
        let secretPath = try folder.write("secret.txt", secret)
        let variants = [
            "<!DOCTYPE coverage [<!ENTITY xxe SYSTEM \"file://\(secretPath)\">]>",
            "<!DOCTYPE coverage [<!ENTITY % p SYSTEM \"file://\(secretPath)\"> %p;]>",
            "<!DOCTYPE coverage SYSTEM \"file://\(secretPath)\">",
        ]
        for (index, doctype) in variants.enumerated() {
            let xml = """
                <?xml version="1.0"?>
                \(doctype)
                <coverage><sources><source>&xxe;</source></sources><packages><package><classes>
                <class filename="a&xxe;.py"><lines><line number="1" hits="1"/></lines></class>
                </classes></package></packages></coverage>
                """
            let path = try folder.write("xxe-\(index).xml", xml)
            do {
                let report = try CoberturaParser().parse(contentsOf: path)
                Issue.record("variant \(index) was accepted: \(report.files.map(\.name))")
            } catch {
                #expect(!error.description.contains(secret), "variant \(index)")
                #expect(error.kind == "malformed", "variant \(index): \(error)")
            }
        }
    }

    @Test("A DOCTYPE naming an external DTD is not loaded and does not stop the reading")
    func externalDTDIgnored() throws {
        let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("security-external-dtd.xml"))
        #expect(report.totals.linesValid == 2)
    }
}

/// Broken inputs give the error kind of docs/counting.md with the place libxml2 knows.
struct BrokenInputTests {
    @Test("A mismatched tag names file, line and column")
    func mismatchedTagPosition() {
        let path = FixturePaths.fixture("broken-mismatched-tag.xml")
        #expect(throws: IngestError.self) { try CoberturaParser().parse(contentsOf: path) }
        do {
            _ = try CoberturaParser().parse(contentsOf: path)
        } catch {
            #expect(error.description.hasPrefix("\(path):9:47: not well-formed XML:"), "\(error)")
        }
    }

    @Test(
        "Empty, truncated, concatenated, missing and folder inputs give clear kinds",
        arguments: [
            ("broken-empty.xml", "empty"), ("broken-whitespace-only.xml", "empty"),
            ("broken-truncated-mid-tag.xml", "malformed"), ("broken-two-documents.xml", "malformed"),
            ("broken-sonarqube-generic.xml", "not-cobertura"), ("broken-junit-as-coverage.xml", "not-cobertura"),
            ("broken-packages-empty.xml", "no-measurement"), ("no-such-file.xml", "unreadable"), ("", "unreadable"),
        ])
    func kinds(_ name: String, _ kind: String) {
        do {
            let report = try CoberturaParser().parse(contentsOf: FixturePaths.fixture(name))
            Issue.record("\(name) was read: \(report.totals)")
        } catch {
            #expect(error.kind == kind, "\(error)")
            #expect(error.description.hasPrefix(FixturePaths.fixture(name)))
        }
    }

    @Test("A JUnit file given as coverage says what it is and where to pass it")
    func junitAsCoverageMessage() {
        do {
            _ = try CoberturaParser().parse(contentsOf: FixturePaths.fixture("broken-junit-as-coverage.xml"))
        } catch {
            #expect(error.description.contains("JUnit"))
            #expect(error.description.contains("--tests"))
        }
    }

    @Test("A FIFO or a device is refused without waiting by both readers, the document sniffer and the fingerprint")
    func nonRegularFilesRefused() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path + "/results.xml"
        try #require(mkfifo(fifo, 0o644) == 0)
        let expected = IngestError.unreadableFile(
            path: fifo,
            reason: "it is a FIFO (named pipe), not a regular file; give the path of a report file "
                + "(reading from a pipe is not supported)")
        #expect(throws: expected) { try CoberturaParser().parse(contentsOf: fifo) }
        #expect(throws: expected) { try JUnitParser().parse(contentsOf: fifo) }
        #expect(throws: expected) { try DocumentKind.detect(contentsOf: fifo) }
        #expect(InputDigest.fingerprint(ofFileAt: fifo) == nil)
        #expect(throws: IngestError.self) { try CoberturaParser().parse(contentsOf: "/dev/zero") }
        do {
            _ = try JUnitParser().parse(contentsOf: "/dev/null")
        } catch {
            #expect(error.description.contains("it is a character device"))
        }
    }
}
