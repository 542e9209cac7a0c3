import CLibXML2

/// What an XML file is, judged by its root element: Cobertura coverage, JUnit results, or other.
public enum DocumentKind: Equatable, Sendable {
    case cobertura
    case junit
    case other(rootElement: String)

    /// Reads the file only up to its root element.
    /// - Throws: `IngestError` when the file is unreadable, empty or malformed before its root.
    public static func detect(contentsOf path: String) throws(IngestError) -> DocumentKind {
        let sniffer = RootSniffer()
        try XMLStreamParser.parse(contentsOf: path, into: sniffer)
        return sniffer.kind ?? .other(rootElement: "")
    }

    /// A sentence for error messages: what a document with this root element seems to be.
    static func describe(rootElement root: String) -> String {
        switch root {
        case "testsuites", "testsuite":
            "it looks like JUnit XML test results (<\(root)>); pass it with --tests instead"
        case "report":
            "it looks like a JaCoCo XML report (<report>); export Cobertura instead"
        case "html", "HTML":
            "it looks like an HTML page (<\(root)>)"
        case "CoverageSession":
            "it looks like an OpenCover report (<CoverageSession>)"
        default:
            "the root element is <\(root)>, expected <coverage>"
        }
    }
}

/// Stops the parse at the root element, after noting its name.
private final class RootSniffer: XMLStreamHandler {
    var kind: DocumentKind?
    let failure: IngestError? = nil
    var isDone: Bool { kind != nil }

    func startElement(_ name: UnsafePointer<xmlChar>, attributes: XMLAttributes, at position: XMLPosition) {
        let root = String(cString: name)
        switch root {
        case "coverage": kind = .cobertura
        case "testsuites", "testsuite": kind = .junit
        default: kind = .other(rootElement: root)
        }
    }

    func endElement(_ name: UnsafePointer<xmlChar>) {}
}
