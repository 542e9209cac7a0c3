import CLibXML2

/// Receives the events of one streaming parse. Handlers are state machines: they keep only what
/// they need and may stop the parse early by returning an error from `failure`.
protocol XMLStreamHandler: AnyObject {
    /// Set to stop the parse at the next event; the parser reports it instead of any libxml2 error.
    var failure: IngestError? { get }
    /// Set to stop the parse early without an error: the handler has seen all it needs.
    var isDone: Bool { get }
    func startElement(_ name: UnsafePointer<xmlChar>, attributes: XMLAttributes, at position: XMLPosition)
    func endElement(_ name: UnsafePointer<xmlChar>)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    func comment(_ text: UnsafePointer<xmlChar>)
    func doctype(_ name: UnsafePointer<xmlChar>)
}

extension XMLStreamHandler {
    var isDone: Bool { false }
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func comment(_ text: UnsafePointer<xmlChar>) {}
    func doctype(_ name: UnsafePointer<xmlChar>) {}
}

/// Where the parser is, for messages about well-formed but unexpected content.
struct XMLPosition {
    let context: xmlParserCtxtPtr?
    let path: String

    var line: Int { context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }
    var column: Int { context.map { Int(xmlSAX2GetColumnNumber(UnsafeMutableRawPointer($0))) } ?? 0 }
}
