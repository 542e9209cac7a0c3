import CLibXML2
import Foundation

/// Streams an XML file through libxml2's SAX2 push parser into a session. Never builds a tree.
///
/// Safety (docs/counting.md, "Reading safely"): no entity substitution, no DTD loading, no XInclude, no `HUGE`,
/// `NONET`, a deny-all external entity loader, and any entity declaration or reference stops the
/// parse, so neither billion-laughs expansion nor an external entity (XXE) can happen. The file is
/// read by zlib, which also opens `.gz` files transparently.
enum XMLStreamParser {
    /// Parses the file at `session.path` with the callbacks in `sax`.
    ///
    /// libxml2 pulls the bytes through a read callback, as `xmllint --sax` does: the push parser
    /// copies its input once more (docs/performance.md).
    /// - Throws: `IngestError` for unreadable, empty or malformed files, or the session's own failure.
    static func parse(_ session: XMLStreamSession, with sax: xmlSAXHandler) throws(IngestError) {
        try parse(session, with: sax, input: CompressedInput(path: session.path))
    }

    /// Parses what `input` reads (the second part of a split parse reads given bytes, then the file
    /// from an offset on).
    static func parse(_ session: XMLStreamSession, with sax: xmlSAXHandler, input: CompressedInput) throws(IngestError)
    {
        LibXML2Setup.once()
        // Per thread in libxml2: set on the thread that parses.
        tidemark_silenceGenericErrors()
        let path = session.path
        var sax = sax
        let inputPointer = Unmanaged.passRetained(input).toOpaque()
        let userData = Unmanaged.passUnretained(session).toOpaque()
        // libxml2 owns the input from here and releases it through the close callback.
        let context = xmlCreateIOParserCtxt(
            &sax, userData,
            { context, buffer, length in
                guard let context, let buffer else { return -1 }
                return Unmanaged<CompressedInput>.fromOpaque(context).takeUnretainedValue().read(into: buffer, length)
            },
            { context in
                guard let context else { return 0 }
                let input = Unmanaged<CompressedInput>.fromOpaque(context).takeRetainedValue()
                input.close()
                return 0
            },
            inputPointer, XML_CHAR_ENCODING_NONE)
        guard let context else { throw .unreadableFile(path: path, reason: "libxml2 could not start a parser") }
        defer {
            session.context = nil
            // A DOCTYPE with declarations makes libxml2 build a document to hold them, which the
            // context does not own: freed here, or every such parse leaks it (found by the fuzzer).
            if let document = context.pointee.myDoc {
                xmlFreeDoc(document)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        session.context = context
        let status = xmlParseDocument(context)
        session.parseDidEnd()

        if let failure = session.failure { throw failure }
        if session.isDone { return }
        if let failure = input.failure { throw failure }
        if !input.sawContent { throw .empty(path: path) }
        if status != 0 || context.pointee.wellFormed == 0 {
            throw session.firstError
                ?? .malformedXML(path: path, line: 0, column: 0, message: "libxml2 error \(status)")
        }
    }
}

/// One-time libxml2 setup: initialise the library and install the deny-all entity loader.
enum LibXML2Setup {
    private static let initialized: Bool = {
        xmlInitParser()
        tidemark_installDenyAllEntityLoader()
        return true
    }()

    static func once() { _ = initialized }
}
