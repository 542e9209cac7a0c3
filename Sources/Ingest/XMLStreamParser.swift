import CLibXML2
import Foundation

/// Streams an XML file through libxml2's SAX2 push parser into a handler. Never builds a tree.
///
/// Safety (../shared/NOTES.md): no entity substitution, no DTD loading, no XInclude, no `HUGE`,
/// `NONET`, a deny-all external entity loader, and any entity declaration stops the parse, so
/// neither billion-laughs expansion nor an external entity (XXE) can happen. The file is read by
/// zlib, which also opens `.gz` files transparently.
enum XMLStreamParser {
    static let chunkSize = 256 * 1024

    /// Parses the file at `path`, feeding events to `handler`.
    /// - Throws: `IngestError` for unreadable, empty or malformed files, or the handler's own failure.
    static func parse(contentsOf path: String, into handler: any XMLStreamHandler) throws(IngestError) {
        LibXML2Setup.once()
        let input = try CompressedInput(path: path)
        defer { input.close() }

        let session = ParseSession(path: path, handler: handler)
        let sessionPointer = Unmanaged.passUnretained(session).toOpaque()
        var sax = makeSAXHandler()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var sawContent = false

        let first = try input.read(into: &buffer)
        sawContent = !isWhitespace(buffer[0..<first])
        // The first bytes let libxml2 detect the encoding (UTF-8/16 byte-order marks).
        let head = min(first, 4)
        let context = buffer.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: head) {
                xmlCreatePushParserCtxt(&sax, sessionPointer, $0, Int32(head), path)
            }
        }
        guard let context else { throw .unreadableFile(path: path, reason: "libxml2 could not start a parser") }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        session.context = context

        var pending = buffer[head..<first]
        var status: Int32 = 0
        while status == 0, session.shouldContinue {
            if !pending.isEmpty {
                status = pending.withUnsafeBufferPointer { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        xmlParseChunk(context, $0.baseAddress, Int32($0.count), 0)
                    }
                }
            }
            guard status == 0, session.shouldContinue else { break }
            let count = try input.read(into: &buffer)
            if count == 0 { break }
            if !sawContent { sawContent = !isWhitespace(buffer[0..<count]) }
            pending = buffer[0..<count]
        }
        if status == 0, session.shouldContinue {
            status = xmlParseChunk(context, nil, 0, 1)
        }

        if let failure = session.handler.failure ?? session.refusal { throw failure }
        if session.handler.isDone { return }
        if !sawContent { throw .empty(path: path) }
        if status != 0 || context.pointee.wellFormed == 0 {
            throw session.firstError ?? .malformedXML(path: path, line: 0, column: 0, message: "libxml2 error \(status)")
        }
    }

    private static func isWhitespace(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    }
}

// MARK: - Session state shared with the C callbacks

/// What the C callbacks reach through libxml2's user-data pointer.
final class ParseSession {
    let path: String
    let handler: any XMLStreamHandler
    var context: xmlParserCtxtPtr?
    /// The first error libxml2 reported, converted at once.
    var firstError: IngestError?
    /// Set when the document declares an entity, which we refuse.
    var refusal: IngestError?

    init(path: String, handler: any XMLStreamHandler) {
        self.path = path
        self.handler = handler
    }

    var shouldContinue: Bool { handler.failure == nil && !handler.isDone && refusal == nil }

    var position: XMLPosition { XMLPosition(context: context, path: path) }

    func stop() {
        if let context { xmlStopParser(context) }
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> ParseSession? {
        pointer.map { Unmanaged<ParseSession>.fromOpaque($0).takeUnretainedValue() }
    }
}

// MARK: - libxml2 setup and callbacks

enum LibXML2Setup {
    private static let initialized: Bool = {
        xmlInitParser()
        tidemark_installDenyAllEntityLoader()
        return true
    }()

    static func once() { _ = initialized }
}

private func makeSAXHandler() -> xmlSAXHandler {
    var sax = xmlSAXHandler()
    sax.initialized = XML_SAX2_MAGIC
    sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
        guard let session = ParseSession.from(context), let localName else { return }
        session.handler.startElement(
            localName, attributes: XMLAttributes(base: attributes, count: Int(attributeCount)),
            at: session.position)
        if !session.shouldContinue { session.stop() }
    }
    sax.endElementNs = { context, localName, _, _ in
        guard let session = ParseSession.from(context), let localName else { return }
        session.handler.endElement(localName)
        if !session.shouldContinue { session.stop() }
    }
    sax.characters = { context, bytes, length in
        guard let session = ParseSession.from(context), let bytes else { return }
        session.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
    sax.comment = { context, text in
        guard let session = ParseSession.from(context), let text else { return }
        session.handler.comment(text)
    }
    sax.internalSubset = { context, name, _, _ in
        guard let session = ParseSession.from(context), let name else { return }
        session.handler.doctype(name)
    }
    sax.entityDecl = { context, name, _, _, _, _ in
        guard let session = ParseSession.from(context) else { return }
        let entity = name.map { String(cString: $0) } ?? "?"
        let position = session.position
        session.refusal = .refusedEntity(
            path: session.path, line: position.line, column: position.column, entity: entity)
        session.stop()
    }
    sax.serror = { context, error in
        guard let session = ParseSession.from(context), let error else { return }
        let level = error.pointee.level
        if error.pointee.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
            || error.pointee.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), session.refusal == nil
        {
            let entity = error.pointee.str1.map { String(cString: $0) } ?? "?"
            session.refusal = .refusedEntity(
                path: session.path, line: Int(error.pointee.line), column: Int(error.pointee.int2), entity: entity)
            session.stop()
            return
        }
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL, session.firstError == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        session.firstError = .malformedXML(
            path: session.path, line: Int(error.pointee.line), column: Int(error.pointee.int2),
            message: message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return sax
}
