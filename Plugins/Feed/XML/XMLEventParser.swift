import CXML2
import Foundation

/// The events of one XML document, in document order.
protocol XMLEventHandler: AnyObject {
    /// A start tag declares namespaces: `prefix` is nil for the default namespace.
    func declareNamespace(prefix: String?, uri: String)
    /// The table the parser interns names in; events refer to names by their id there.
    var names: XMLNameTable { get }
    /// An element starts.
    func startElement(_ id: Int, attributes: XMLAttributes)
    func endElement(_ id: Int)
    /// Character data (entities already replaced), also from CDATA sections.
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// The document type declaration's public identifier.
    func doctype(publicID: String?)
    /// The document is not well-formed, or needed a repair; parsing goes on.
    func problem(_ message: String)
}

/// Streams a UTF-8 document through libxml2's SAX2 parser in recovery mode.
///
/// Safe on hostile input: no network, no DTD or external entity is ever loaded, entities
/// declared in the document are expanded by us within fixed bounds (a billion-laughs document
/// costs kilobytes), and the HTML 4 entities that feeds use without declaring them (`&nbsp;`)
/// are read as the characters they name, with the document marked not well-formed.
/// https://gnome.pages.gitlab.gnome.org/libxml2/devhelp/libxml2-parser.html
final class XMLEventParser {
    private let handler: XMLEventHandler
    private let names: XMLNameTable
    private var entities: DocumentEntities
    private var context: xmlParserCtxtPtr?
    private var sawInvalidUTF8 = false

    private init(handler: XMLEventHandler) {
        self.handler = handler
        names = handler.names
        entities = DocumentEntities()
    }

    /// Parses `utf8` to the end (or as far as libxml2 can recover), calling `handler`. Returns
    /// false if the input turned out not to be valid UTF-8.
    @discardableResult
    static func parse(_ utf8: [UInt8], handler: XMLEventHandler) -> Bool {
        XMLLibrary.initialize()
        let parser = XMLEventParser(handler: handler)
        var sax = saxHandler
        let userData = Unmanaged.passUnretained(parser).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil) else {
            handler.problem("libxml2 could not create a parser")
            return true
        }
        parser.context = context
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        utf8.withUnsafeBufferPointer { buffer in
            let chunk = 1 << 20
            var offset = 0
            repeat {
                let length = min(chunk, buffer.count - offset)
                let base = buffer.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) }
                let last: Int32 = offset + length >= buffer.count ? 1 : 0
                xmlParseChunk(context, base, Int32(length), last)
                offset += length
            } while offset < buffer.count
        }
        parser.context = nil
        xmlFreeParserCtxt(context)
        parser.entities.free()
        return !parser.sawInvalidUTF8
    }

    private var line: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    private static func parser(_ userData: UnsafeMutableRawPointer?) -> XMLEventParser {
        Unmanaged<XMLEventParser>.fromOpaque(userData!).takeUnretainedValue()
    }

    /// Runs `body` on the parser behind `userData` without retaining it: the parser outlives
    /// every callback of its parse.
    private static func with<Result>(_ userData: UnsafeMutableRawPointer?, _ body: (XMLEventParser) -> Result) -> Result {
        Unmanaged<XMLEventParser>.fromOpaque(userData!)._withUnsafeGuaranteedRef(body)
    }

    /// Our SAX2 callbacks only: no default handler builds a tree or resolves an entity.
    /// `nonisolated(unsafe)`: a constant table of C function pointers, only ever copied.
    nonisolated(unsafe) private static let saxHandler: xmlSAXHandler = {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { userData, local, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let local else { return }
            XMLEventParser.with(userData) { parser in
                if namespaceCount > 0, let namespaces {
                    for index in 0..<Int(namespaceCount) {
                        guard let uri = namespaces[index * 2 + 1] else { continue }
                        parser.handler.declareNamespace(prefix: namespaces[index * 2].map { String(cString: $0) }, uri: String(cString: uri))
                    }
                }
                let id = parser.names.intern(local: local, prefix: prefix, uri: uri)
                parser.handler.startElement(id, attributes: XMLAttributes(raw: attributes, count: Int(attributeCount), table: parser.names))
            }
        }
        sax.endElementNs = { userData, local, prefix, uri in
            guard let local else { return }
            XMLEventParser.with(userData) { parser in
                parser.handler.endElement(parser.names.intern(local: local, prefix: prefix, uri: uri))
            }
        }
        sax.characters = { userData, text, length in
            guard let text, length > 0 else { return }
            XMLEventParser.with(userData) { $0.handler.characters(UnsafeBufferPointer(start: text, count: Int(length))) }
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { userData, _, publicID, _ in
            XMLEventParser.parser(userData).handler.doctype(publicID: publicID.map { String(cString: $0) })
        }
        sax.entityDecl = { userData, name, type, _, _, content in
            guard let name else { return }
            let parser = XMLEventParser.parser(userData)
            if type == Int32(XML_EXTERNAL_PARAMETER_ENTITY.rawValue) {
                parser.entities.declareExternalParameter(String(cString: name))
            }
            guard type == Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), let content else { return }
            if let problem = parser.entities.declare(String(cString: name), content: String(cString: content)) {
                parser.handler.problem(problem)
            }
        }
        sax.getParameterEntity = { userData, name in
            guard let name else { return nil }
            return XMLEventParser.parser(userData).entities.parameter(String(cString: name))
        }
        sax.getEntity = { userData, name in
            guard let name else { return nil }
            let parser = XMLEventParser.parser(userData)
            let entityName = String(cString: name)
            switch parser.entities.resolve(entityName) {
            case .declared(let entity):
                return entity
            case .html(let entity):
                parser.handler.problem("line \(parser.line): entity '\(entityName)' not defined (read as HTML)")
                return entity
            case .overLimit:
                parser.handler.problem("line \(parser.line): entity expansion limit reached")
                return nil
            case .unknown:
                return nil
            }
        }
        sax.serror = { userData, error in
            guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            // The document reaches libxml2 already converted to UTF-8: its declared encoding
            // name no longer matters, whatever libxml2 thinks of it.
            let code = error.pointee.code
            if code == Int32(XML_ERR_INVALID_ENCODING.rawValue) || code == Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue) || code == Int32(XML_ERR_UNKNOWN_ENCODING.rawValue) {
                return
            }
            let message = error.pointee.message.map { String(cString: $0) }?.trimmed ?? "error"
            if code == Int32(XML_ERR_INVALID_CHAR.rawValue), message.hasPrefix("Input is not proper UTF-8") {
                XMLEventParser.parser(userData).sawInvalidUTF8 = true
            }
            XMLEventParser.parser(userData).handler.problem("line \(error.pointee.line): \(message)")
        }
        return sax
    }()
}
