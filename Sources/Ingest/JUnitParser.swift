import CLibXML2
import CoverageModel

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
        try XMLStreamParser.parse(contentsOf: path, into: handler)
        var results = handler.results
        results.collectionErrorModules = Array(Set(handler.collectionErrorModules)).sorted()
        return results
    }
}

/// The SAX state machine behind `JUnitParser`.
final class JUnitHandler: XMLStreamHandler {
    private let path: String
    private(set) var failure: IngestError?
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

    init(path: String) { self.path = path }

    func startElement(_ name: UnsafePointer<xmlChar>, attributes: XMLAttributes, at position: XMLPosition) {
        defer { depth += 1 }
        if depth == 0, !XMLName.equals(name, "testsuites"), !XMLName.equals(name, "testsuite") {
            let root = String(cString: name)
            failure = .notJUnit(
                path: path, line: position.line, column: position.column,
                looksLike: root == "coverage"
                    ? "it looks like a coverage report (<coverage>); pass it with --input instead"
                    : "the root element is <\(root)>, expected <testsuites> or <testsuite>")
            return
        }
        if testcaseDepth == nil, XMLName.equals(name, "testcase") {
            testcaseDepth = depth
            outcome = .passed
            isCollectionError = false
            testcaseName = attributes.string("classname").flatMap { $0.isEmpty ? nil : $0 }
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

    func endElement(_ name: UnsafePointer<xmlChar>) {
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
