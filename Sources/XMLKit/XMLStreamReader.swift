import CLibXML2

/// A forward-only cursor over an XML document: libxml2's xmlTextReader, owned by this object.
///
/// The document is parsed with recovery on, and with no network access, no DTD loading and no entity
/// substitution: a document can never make libxml2 read a file or a URL (XXE), and entity bombs are
/// refused by libxml2 instead of expanded.
public final class XMLStreamReader {
    public enum NodeKind: Sendable, Equatable {
        case element, endElement, text, entityReference, other
    }

    /// A problem libxml2 reported while parsing (it recovers from most of them).
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public let line: Int
        public let column: Int
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    private let reader: xmlTextReaderPtr
    /// libxml2 reads from this buffer without copying it; we own it for the reader's lifetime.
    private let buffer: UnsafeMutableBufferPointer<CChar>
    /// The tree a recovering reader walks, when there is one; freed with the reader.
    private let document: xmlDocPtr?
    /// True once libxml2 stopped on an error rather than at the end of the document.
    public private(set) var failed = false
    private let log = ProblemLog()
    public var problems: [Problem] { log.problems }
    public var problemCount: Int { log.count }

    /// - Parameters:
    ///   - utf8: the document, already converted to UTF-8 (its own declaration is then ignored).
    ///   - url: the document's URL, the base for `xml:base` and relative references.
    ///   - recovering: false streams the document; true first builds the whole tree with libxml2's
    ///     recovery (which keeps going past mismatched tags and content after the root, where the
    ///     streaming reader stops), then walks that tree. Use it as the second, lenient pass.
    public init(utf8: [UInt8], url: String?, recovering: Bool = false) throws(XMLKitError) {
        let storage = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(utf8.count, 1))
        utf8.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(storage).copyMemory(from: raw)
        }
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        var document: xmlDocPtr?
        let created: xmlTextReaderPtr?
        if recovering {
            // A tree walker has no parser context to hang a handler on; libxml2's structured error
            // handler is per thread, so it is set around this one call.
            xmlSetStructuredErrorFunc(Unmanaged.passUnretained(log).toOpaque(), ProblemLog.handler)
            document = xmlReadMemory(storage.baseAddress, Int32(utf8.count), url, "UTF-8", options)
            xmlSetStructuredErrorFunc(nil, nil)
            created = document.flatMap { xmlReaderWalker($0) }
        } else {
            created = xmlReaderForMemory(storage.baseAddress, Int32(utf8.count), url, "UTF-8", options)
        }
        guard let reader = created else {
            if let document { xmlFreeDoc(document) }
            storage.deallocate()
            throw XMLKitError(recovering ? "libxml2 found no document to recover" : "libxml2 could not create a reader for the document")
        }
        self.reader = reader
        self.buffer = storage
        self.document = document
        if !recovering {
            xmlTextReaderSetStructuredErrorHandler(reader, ProblemLog.handler, Unmanaged.passUnretained(log).toOpaque())
        }
    }

    deinit {
        xmlFreeTextReader(reader)
        if let document { xmlFreeDoc(document) }
        buffer.deallocate()
    }


    /// Moves to the next node; false at the end of the document or when libxml2 cannot go on.
    public func read() -> Bool { advanced(xmlTextReaderRead(reader)) }

    /// Skips the current element's subtree and moves to its next sibling.
    public func skipSubtree() -> Bool { advanced(xmlTextReaderNext(reader)) }

    private func advanced(_ status: Int32) -> Bool {
        if status < 0 { failed = true }
        return status == 1
    }

    public var kind: NodeKind {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue): .text
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue): .entityReference
        default: .other
        }
    }

    /// Identifies the current node's (namespace, local name) pair. libxml2 interns names in the
    /// document's dictionary, so equal names have equal pointers for the reader's lifetime: a walker
    /// can resolve a name once and look it up by this key, without making strings for every element.
    public var nameKey: XMLNameKey {
        XMLNameKey(localName: UInt(bitPattern: xmlTextReaderConstLocalName(reader)),
                namespace: UInt(bitPattern: xmlTextReaderConstNamespaceUri(reader)))
    }

    public var depth: Int { Int(xmlTextReaderDepth(reader)) }
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    public var localName: String { string(xmlTextReaderConstLocalName(reader)) ?? "" }
    public var qualifiedName: String { string(xmlTextReaderConstName(reader)) ?? "" }
    public var namespaceURI: String { string(xmlTextReaderConstNamespaceUri(reader)) ?? "" }
    public var value: String { string(xmlTextReaderConstValue(reader)) ?? "" }
    /// The base URI in force at this node: the document URL as changed by any `xml:base` above it.
    public var baseURI: String? { string(xmlTextReaderConstBaseUri(reader)) }
    public var xmlLang: String? { string(xmlTextReaderConstXmlLang(reader)) }
    public var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The value of the attribute with this local name and no namespace, or with this namespace.
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        let pointer: UnsafeMutablePointer<xmlChar>?
        if let namespace {
            pointer = xmlTextReaderGetAttributeNs(reader, localName, namespace)
        } else {
            pointer = xmlTextReaderGetAttribute(reader, localName)
        }
        return owned(pointer)
    }

    /// The markup inside the current element, as written (namespace declarations added where needed).
    public func innerXML() -> String { owned(xmlTextReaderReadInnerXml(reader)) ?? "" }
    /// The current element and its content, as markup.
    public func outerXML() -> String { owned(xmlTextReaderReadOuterXml(reader)) ?? "" }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func owned(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { fw_xmlFree(pointer) }
        return String(cString: pointer)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}

/// The errors libxml2 reported for one document; handed to libxml2 as the handler's context.
final class ProblemLog {
    private(set) var problems: [XMLStreamReader.Problem] = []
    private(set) var count = 0
    /// Problems past this count are counted but not kept: a broken document can report millions.
    private let keep = 50

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<ProblemLog>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }

    func record(_ error: xmlError) {
        // Warnings (a relative namespace URI, say) do not make a document broken.
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        count += 1
        guard problems.count < keep else { return }
        let message = error.message.map { String(cString: $0) } ?? "unknown error"
        problems.append(.init(message: message.trimmingTrailingNewlines(), line: Int(error.line), column: Int(error.int2)))
    }
}
