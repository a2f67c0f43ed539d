import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Parses a UTF-8 document with libxml2's SAX2 push parser and hands it to a consumer as events.
/// Unlike xmlTextReader it builds no tree, which makes it several times faster. Recovery is on; the
/// network, DTD loading and entity substitution are off, and entity declarations are not recorded, so
/// no entity — external (XXE) or nested (billion laughs) — is ever expanded.
public final class SAXParser {
    private let consumer: XMLEventConsumer
    private let documentURL: String?
    private let log = ProblemLog()
    private var sawRoot = false
    private var rootError: Error?
    /// Base URI and language in force, one per open element (pushed only when an element changes them).
    private var bases: [(depth: Int, uri: String?)] = []
    private var languages: [(depth: Int, lang: String)] = []
    private var depth = 0
    /// While capturing markup: the depth the capture started at, and what it collected.
    private var capture: (depth: Int, inner: Bool, markup: [UInt8])?
    private var stopped = false
    private var parserContext: xmlParserCtxtPtr?
    /// Text since the last tag: libxml2 reports it in pieces (one per entity reference), the consumer
    /// gets it whole.
    private var pendingText: [UInt8] = []

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        consumer.characters(String(decoding: pendingText, as: UTF8.self))
        pendingText.removeAll(keepingCapacity: true)
    }

    var currentLine: Int { parserContext.map { Int($0.pointee.input?.pointee.line ?? 0) } ?? 0 }

    public var problems: [XMLStreamReader.Problem] { log.problems }
    public var problemCount: Int { log.count }
    public private(set) var failed = false

    public init(consumer: XMLEventConsumer, url: String?) {
        self.consumer = consumer
        documentURL = url
    }

    /// Parses the whole document. Throws what `startDocumentElement` threw (the document is not a feed).
    public func parse(_ utf8: [UInt8]) throws {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Unmanaged<SAXParser>.fromOpaque(context).takeUnretainedValue().start(
                localName: localName, prefix: prefix, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { context, localName, prefix, _ in
            guard let context, let localName else { return }
            Unmanaged<SAXParser>.fromOpaque(context).takeUnretainedValue().end(localName: localName, prefix: prefix)
        }
        handler.characters = { context, characters, length in
            guard let context, let characters else { return }
            Unmanaged<SAXParser>.fromOpaque(context).takeUnretainedValue().text(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.cdataBlock = handler.characters
        // Errors of this parse only (the HTML parser that makes plain text during the walk has its own).
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<SAXParser>.fromOpaque(context).takeUnretainedValue().log.record(error.pointee)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let status: Int32 = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> Int32 in
                guard let parser = xmlCreatePushParserCtxt(&handler, context, nil, 0, documentURL) else { return -1 }
                defer {
                    // A document with an internal DTD makes libxml2 create a document of its own even for
                    // SAX; freeing the context does not free it (found by the fuzzer as a leak).
                    if let document = parser.pointee.myDoc {
                        xmlFreeDoc(document)
                        parser.pointee.myDoc = nil
                    }
                    xmlFreeParserCtxt(parser)
                }
                parserContext = parser
                defer { parserContext = nil }
                _ = xmlCtxtUseOptions(parser, options)
                // Fed in chunks of 8 MB: libxml2 refuses to look ahead through more than 10 MB at once
                // ("Huge input lookup"), so one chunk would fail valid documents over 10 MB, and it
                // copies what it is given into its own buffer. Not smaller: until the last chunk it
                // looks ahead for the end of every text, which costs a sixth of the parse.
                var offset = 0
                var firstError: Int32 = 0
                let chunk = 8 << 20
                while chars.count - offset > chunk {
                    let status = xmlParseChunk(parser, chars.baseAddress.map { $0 + offset }, Int32(chunk), 0)
                    offset += chunk
                    if firstError == 0 { firstError = status }
                    // A fatal error ends the parse (recoverable ones do not); so does the walker.
                    if parser.pointee.instate == XML_PARSER_EOF || stopped { return firstError != 0 ? firstError : status }
                }
                let status = xmlParseChunk(parser, chars.baseAddress.map { $0 + offset }, Int32(chars.count - offset), 1)
                return firstError != 0 ? firstError : status
            }
        }
        if capture == nil, !stopped { flushText() }
        if status != 0 { failed = true }
        if let rootError { throw rootError }
    }

    private func start(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                       namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                       attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        if stopped { return }
        if capture == nil { flushText() }
        let element = SAXElement(localNamePointer: localName, prefixPointer: prefix, uriPointer: uri,
                                 attributeCount: attributeCount, attributes: attributes, parser: self)
        if capture != nil {
            serializeStart(element, namespaceCount: namespaceCount, namespaces: namespaces)
            return
        }
        if let base = element.attribute("base", namespace: XMLNamespace.xml) {
            bases.append((depth, URIResolver.resolve(base, against: currentBase)))
        }
        if let lang = element.attribute("lang", namespace: XMLNamespace.xml) { languages.append((depth, lang)) }
        if !sawRoot {
            sawRoot = true
            do {
                try consumer.startDocumentElement(element)
            } catch {
                rootError = error
                stopped = true
            }
            return
        }
        switch consumer.startElement(element) {
        case .descend: break
        case .captureInner: capture = (depth, true, [])
        case .captureOuter:
            capture = (depth, false, [])
            serializeStart(element, namespaceCount: namespaceCount, namespaces: namespaces)
        }
        if consumer.wantsToStop { stopped = true }
    }

    private func end(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        defer {
            depth -= 1
            while let last = bases.last, last.depth > depth { bases.removeLast() }
            while let last = languages.last, last.depth > depth { languages.removeLast() }
        }
        if stopped { return }
        if capture == nil { flushText() }
        if var current = capture, depth < current.depth {
            // libxml2 closed the captured element implicitly (recovering from a mismatched tag).
            capture = nil
            consumer.capturedMarkup(String(decoding: current.markup, as: UTF8.self))
            if current.inner { consumer.endElement() }
            current.markup.removeAll()
        }
        // Only the capture's depth and kind are read out: holding a copy of it while appending would
        // copy the markup so far at every end tag, which made deep nesting quadratic.
        if let (captureDepth, inner) = capture.map({ ($0.depth, $0.inner) }) {
            if depth > captureDepth || (!inner && depth >= captureDepth) {
                capture?.markup.append(contentsOf: Self.endTag(localName: localName, prefix: prefix))
            }
            guard depth == captureDepth, let finished = capture else { return }
            capture = nil
            consumer.capturedMarkup(String(decoding: finished.markup, as: UTF8.self))
            if inner { consumer.endElement() }
            return
        }
        consumer.endElement()
    }

    private func text(_ bytes: UnsafeBufferPointer<xmlChar>) {
        if stopped { return }
        if capture != nil {
            Self.appendEscaped(&capture!.markup, bytes, inAttribute: false)
            return
        }
        if consumer.wantsCharacters { pendingText.append(contentsOf: bytes) }
    }

    var currentBase: String? { bases.last?.uri ?? documentURL }
    var currentLanguage: String? { languages.last?.lang }

    // MARK: Serialising captured markup

    private func serializeStart(_ element: SAXElement, namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        // The tag is built on its own and appended: copying the capture so far for each element made
        // a description with many nested tags quadratic.
        var markup: [UInt8] = []
        markup.append(UInt8(ascii: "<"))
        markup.append(contentsOf: Array(element.qualifiedName.utf8))
        if let namespaces {
            for index in 0..<namespaceCount {
                let prefix = namespaces[2 * index].map { String(cString: $0) }
                let uri = namespaces[2 * index + 1].map { String(cString: $0) } ?? ""
                markup.append(contentsOf: Array((prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"").utf8))
                Self.appendEscaped(&markup, Array(uri.utf8), inAttribute: true)
                markup.append(UInt8(ascii: "\""))
            }
        }
        for (name, value) in element.allAttributes() {
            markup.append(contentsOf: Array(" \(name)=\"".utf8))
            Self.appendEscaped(&markup, Array(value.utf8), inAttribute: true)
            markup.append(UInt8(ascii: "\""))
        }
        markup.append(UInt8(ascii: ">"))
        capture?.markup.append(contentsOf: markup)
    }

    private static func endTag(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) -> [UInt8] {
        var markup = Array("</".utf8)
        if let prefix {
            markup.append(contentsOf: UnsafeBufferPointer(start: prefix, count: strlen(prefix)))
            markup.append(UInt8(ascii: ":"))
        }
        markup.append(contentsOf: UnsafeBufferPointer(start: localName, count: strlen(localName)))
        markup.append(UInt8(ascii: ">"))
        return markup
    }

    private static func appendEscaped<Bytes: Sequence>(_ markup: inout [UInt8], _ bytes: Bytes, inAttribute: Bool) where Bytes.Element == UInt8 {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): markup.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): markup.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): markup.append(contentsOf: Array("&gt;".utf8))
            case UInt8(ascii: "\"") where inAttribute: markup.append(contentsOf: Array("&quot;".utf8))
            default: markup.append(byte)
            }
        }
    }
}

/// An element as SAX2 reports it, valid only during the start callback.
struct SAXElement: XMLElementInfo {
    let localNamePointer: UnsafePointer<xmlChar>
    let prefixPointer: UnsafePointer<xmlChar>?
    let uriPointer: UnsafePointer<xmlChar>?
    let attributeCount: Int
    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    unowned let parser: SAXParser

    var localName: String { String(cString: localNamePointer) }
    var namespaceURI: String { uriPointer.map { String(cString: $0) } ?? "" }
    var qualifiedName: String { prefixPointer.map { String(cString: $0) + ":" + localName } ?? localName }
    var nameKey: XMLNameKey { XMLNameKey(localName: UInt(bitPattern: localNamePointer), namespace: UInt(bitPattern: uriPointer)) }
    var baseURI: String? { parser.currentBase }
    var xmlLang: String? { parser.currentLanguage }
    var line: Int { parser.currentLine }

    func attribute(_ name: String, namespace: String?) -> String? {
        guard let attributes else { return nil }
        for index in 0..<attributeCount {
            let base = attributes + 5 * index
            guard let local = base[0], strcmp(local, name) == 0 else { continue }
            let uri = base[2].map { String(cString: $0) }
            guard uri == namespace else { continue }
            return value(base)
        }
        return nil
    }

    func allAttributes() -> [(String, String)] {
        guard let attributes else { return [] }
        return (0..<attributeCount).compactMap { index in
            let base = attributes + 5 * index
            guard let local = base[0] else { return nil }
            let name = base[1].map { String(cString: $0) + ":" + String(cString: local) } ?? String(cString: local)
            return (name, value(base))
        }
    }

    private func value(_ base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>) -> String {
        guard let start = base[3], let end = base[4] else { return "" }
        return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
    }
}

enum XMLNamespace {
    static let xml = "http://www.w3.org/XML/1998/namespace"
}
