import CLibXML2
import Foundation

/// The state of one streaming parse, reached from libxml2's callbacks through the user-data pointer.
///
/// Readers subclass it (final classes) and give libxml2 their own C callbacks, so the hot
/// start/end-element path is a direct call, with no protocol dispatch per event. The shared parts
/// live here: where the parser is, its first error, refused entities, and stopping early.
class XMLStreamSession {
    let path: String
    /// The libxml2 parser; set while a parse runs.
    var context: xmlParserCtxtPtr?
    /// The first error libxml2 reported, converted at once.
    var firstError: IngestError?
    /// The reader's own verdict (not Cobertura, refused entity…); stops the parse.
    private(set) var failure: IngestError?
    /// Set when the reader has all it needs; stops the parse without an error.
    private(set) var isDone = false

    init(path: String) { self.path = path }

    /// Whether the parse should go on.
    final var isRunning: Bool { failure == nil && !isDone }

    /// Stops the parse with an error reported instead of any libxml2 error.
    final func fail(_ error: IngestError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// Puts `error` in place of any failure so far: the reader's own, found later but earlier in the file.
    final func overrideFailure(_ error: IngestError) {
        failure = error
        if let context { xmlStopParser(context) }
    }

    /// Called when libxml2's parse returns, before its outcome is read; readers that defer work finish it here.
    func parseDidEnd() {}

    /// Stops the parse because the reader has seen enough.
    final func finish() {
        isDone = true
        if let context { xmlStopParser(context) }
    }

    /// The current line and column, for messages about well-formed but unexpected content.
    final var line: Int { context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }
    final var column: Int { context.map { Int(xmlSAX2GetColumnNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    /// How far the parser has read, in bytes of its input, as libxml2 counts them: the same bytes
    /// give the same offsets (a split parse matches its two parts' elements by them).
    final var byteOffset: Int {
        guard let input = context?.pointee.input?.pointee, let cur = input.cur, let base = input.base else { return -1 }
        return Int(input.consumed) + (cur - base)
    }

    /// Turns the `characters` callback on or off; off spares a call for every run of white space
    /// between elements.
    final func receiveCharacters(_ callback: charactersSAXFunc?) {
        context?.pointee.sax.pointee.characters = callback
    }

    /// The session behind libxml2's user-data pointer.
    static func from(_ pointer: UnsafeMutableRawPointer?) -> XMLStreamSession? {
        pointer.map { Unmanaged<XMLStreamSession>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The callbacks every reader shares: structured errors, entity refusal, DOCTYPE notice.
    /// Readers add their element callbacks to this.
    static func baseSAXHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.entityDecl = { context, name, _, _, _, _ in
            guard let session = XMLStreamSession.from(context) else { return }
            let entity = name.map { String(cString: $0) } ?? "?"
            session.fail(.refusedEntity(path: session.path, line: session.line, column: session.column, entity: entity))
        }
        sax.serror = { context, error in
            guard let session = XMLStreamSession.from(context), let error else { return }
            session.record(error.pointee)
        }
        return sax
    }

    private func record(_ error: xmlError) {
        let code = error.code
        if code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) || code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) {
            let entity = error.str1.map { String(cString: $0) } ?? "?"
            fail(.refusedEntity(path: path, line: Int(error.line), column: Int(error.int2), entity: entity))
            return
        }
        guard error.level == XML_ERR_ERROR || error.level == XML_ERR_FATAL, firstError == nil else { return }
        let message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        firstError = .malformedXML(
            path: path, line: Int(error.line), column: Int(error.int2),
            message: message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
