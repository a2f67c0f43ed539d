import CLibXML2

/// Drives an `XMLEventConsumer` from an `XMLStreamReader`: used for the recovering second pass, where
/// libxml2 first builds the whole tree (keeping going where the SAX parser cannot) and the reader walks it.
public enum XMLTreeEvents {
    public static func drive(_ reader: XMLStreamReader, into consumer: XMLEventConsumer) throws {
        var moved = false
        var sawRoot = false
        while moved || reader.read() {
            moved = false
            switch reader.kind {
            case .element:
                let element = ReaderElement(reader: reader)
                if !sawRoot {
                    sawRoot = true
                    try consumer.startDocumentElement(element)
                    continue
                }
                let empty = reader.isEmptyElement
                switch consumer.startElement(element) {
                case .descend:
                    if empty { consumer.endElement() }
                case .captureInner:
                    consumer.capturedMarkup(reader.innerXML())
                    consumer.endElement()
                    moved = reader.skipSubtree()
                    if !moved { return }
                case .captureOuter:
                    consumer.capturedMarkup(reader.outerXML())
                    moved = reader.skipSubtree()
                    if !moved { return }
                }
                if consumer.wantsToStop { return }
            case .endElement:
                consumer.endElement()
            case .text:
                if consumer.wantsCharacters { consumer.characters(reader.value) }
            case .entityReference, .other:
                break
            }
        }
    }
}

/// The reader's current element, seen through `XMLElementInfo`.
struct ReaderElement: XMLElementInfo {
    let reader: XMLStreamReader
    var localName: String { reader.localName }
    var namespaceURI: String { reader.namespaceURI }
    var qualifiedName: String { reader.qualifiedName }
    var nameKey: XMLNameKey { reader.nameKey }
    var baseURI: String? { reader.baseURI }
    var xmlLang: String? { reader.xmlLang }
    var line: Int { reader.line }
    func attribute(_ localName: String, namespace: String?) -> String? { reader.attribute(localName, namespace: namespace) }
}
