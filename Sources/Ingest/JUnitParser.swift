import CLibXML2
import CoverageModel
import Foundation

/// Reads JUnit XML test results (pytest `--junitxml`, cargo nextest, go-junit-report; `.gz` too).
///
/// Each `<testcase>` counts once: errors, else failures, else skipped, else passed. Errors whose
/// message is `collection failure` are pytest's report of a test module it could not import.
public struct JUnitParser: Sendable {
    public init() {}

    /// Parses the results at `path`.
    /// - Throws: `IngestError`: unreadable, empty, malformed, or not JUnit.
    public func parse(contentsOf path: String) throws(IngestError) -> TestResults {
        let handler = JUnitHandler(path: path)
        try XMLStreamParser.parse(handler, with: JUnitHandler.sax)
        var results = handler.results
        results.collectionErrorModules = Array(Set(handler.collectionErrorModules)).sorted()
        return results
    }
}

/// The SAX state machine behind `JUnitParser`.
final class JUnitHandler: XMLStreamSession {
    private(set) var results = TestResults()
    private(set) var collectionErrorModules: [String] = []

    private var depth = 0
    private var testcaseDepth: Int?
    private var testcaseName = ""
    private var outcome = Outcome.passed
    private var isCollectionError = false

    private enum Outcome: Int, Comparable {
        case passed, skipped, failure, error
        static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static var sax: xmlSAXHandler {
        var sax = XMLStreamSession.baseSAXHandler()
        sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Unmanaged<JUnitHandler>.fromOpaque(context).takeUnretainedValue()
                .startElement(localName, attributes: XMLAttributes(base: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<JUnitHandler>.fromOpaque(context).takeUnretainedValue().endElement()
        }
        return sax
    }

    private func startElement(_ name: UnsafePointer<xmlChar>, attributes: XMLAttributes) {
        defer { depth += 1 }
        if depth == 0, !XMLName.equals(name, "testsuites"), !XMLName.equals(name, "testsuite") {
            let root = String(cString: name)
            fail(
                .notJUnit(
                    path: path, line: line, column: column,
                    looksLike: root == "coverage"
                        ? "it looks like a coverage report (<coverage>); pass it with --input instead"
                        : "the root element is <\(root)>, expected <testsuites> or <testsuite>"))
            return
        }
        if testcaseDepth == nil, XMLName.equals(name, "testsuite"), let text = attributes.string("timestamp"),
            let date = JUnitTimestamp.date(text)
        {
            results.timestamp = min(results.timestamp ?? date, date)
        }
        if testcaseDepth == nil, XMLName.equals(name, "testcase") {
            testcaseDepth = depth
            outcome = .passed
            isCollectionError = false
            testcaseName =
                attributes.string("classname").flatMap { $0.isEmpty ? nil : $0 }
                ?? attributes.string("name") ?? ""
            return
        }
        guard let testcaseDepth, depth == testcaseDepth + 1 else { return }
        if XMLName.equals(name, "error") {
            outcome = max(outcome, .error)
            if attributes.string("message") == "collection failure" { isCollectionError = true }
        } else if XMLName.equals(name, "failure") {
            outcome = max(outcome, .failure)
        } else if XMLName.equals(name, "skipped") {
            outcome = max(outcome, .skipped)
        }
    }

    private func endElement() {
        depth -= 1
        guard depth == testcaseDepth else { return }
        testcaseDepth = nil
        results.tests += 1
        switch outcome {
        case .passed: results.passed += 1
        case .skipped: results.skipped += 1
        case .failure: results.failures += 1
        case .error:
            results.errors += 1
            if isCollectionError {
                results.collectionErrors += 1
                collectionErrorModules.append(testcaseName)
            }
        }
    }
}

/// JUnit `timestamp` attributes: ISO 8601 with or without fractional seconds and zone (pytest writes
/// `2026-11-30T03:46:53.115550+00:00`; others omit the zone, meaning UTC).
enum JUnitTimestamp {
    static func date(_ text: String) -> Date? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if let dot = trimmed.firstIndex(of: ".") {
            let rest = trimmed[trimmed.index(after: dot)...]
            let zone = rest.drop { $0.isNumber }
            trimmed = String(trimmed[..<dot]) + zone
        }
        let hasZone = trimmed.hasSuffix("Z") || trimmed.dropFirst(19).contains { $0 == "+" || $0 == "-" }
        return ISO8601.date(from: hasZone ? trimmed : trimmed + "Z")
    }
}
