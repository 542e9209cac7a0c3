import CLibXML2

/// What an XML file is, judged by its root element: Cobertura coverage, JUnit results, or other.
public enum DocumentKind: Equatable, Sendable {
    case cobertura
    case junit
    case other(rootElement: String)

    /// Reads the file only up to its root element.
    /// - Throws: `IngestError` when the file is unreadable, empty or malformed before its root.
    public static func detect(contentsOf path: String) throws(IngestError) -> DocumentKind {
        let sniffer = RootSniffer(path: path)
        try XMLStreamParser.parse(sniffer, with: RootSniffer.sax)
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
private final class RootSniffer: XMLStreamSession {
    var kind: DocumentKind?

    static var sax: xmlSAXHandler {
        var sax = XMLStreamSession.baseSAXHandler()
        sax.startElementNs = { context, localName, _, _, _, _, _, _, _ in
            guard let context, let localName else { return }
            let sniffer = Unmanaged<RootSniffer>.fromOpaque(context).takeUnretainedValue()
            let root = String(cString: localName)
            switch root {
            case "coverage": sniffer.kind = .cobertura
            case "testsuites", "testsuite": sniffer.kind = .junit
            default: sniffer.kind = .other(rootElement: root)
            }
            sniffer.finish()
        }
        return sax
    }
}
