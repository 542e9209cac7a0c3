import CLibXML2

/// The Cobertura elements the reader acts on; everything else is `.other`.
enum CoberturaElement: UInt8 {
    case coverage, sources, source, packages, package, classes, `class`, methods, method, lines, line
    case file, other

    init(_ name: UnsafePointer<xmlChar>) {
        // Ordered by frequency: <line> is by far the most common element.
        if XMLName.equals(name, "line") {
            self = .line
        } else if XMLName.equals(name, "lines") {
            self = .lines
        } else if XMLName.equals(name, "class") {
            self = .class
        } else if XMLName.equals(name, "method") {
            self = .method
        } else if XMLName.equals(name, "methods") {
            self = .methods
        } else if XMLName.equals(name, "classes") {
            self = .classes
        } else if XMLName.equals(name, "package") {
            self = .package
        } else if XMLName.equals(name, "packages") {
            self = .packages
        } else if XMLName.equals(name, "source") {
            self = .source
        } else if XMLName.equals(name, "sources") {
            self = .sources
        } else if XMLName.equals(name, "coverage") {
            self = .coverage
        } else if XMLName.equals(name, "file") {
            self = .file
        } else {
            self = .other
        }
    }
}

extension CoberturaElement {
    /// libxml2 interns element names in its dictionary, so within one parse the same name comes
    /// back as the same pointer: remember the pointers of the two most common names.
    struct Cache {
        private var line: UnsafePointer<xmlChar>?
        private var lines: UnsafePointer<xmlChar>?

        mutating func element(for name: UnsafePointer<xmlChar>) -> CoberturaElement {
            if name == line { return .line }
            if name == lines { return .lines }
            let element = CoberturaElement(name)
            if element == .line { line = name } else if element == .lines { lines = name }
            return element
        }
    }
}
