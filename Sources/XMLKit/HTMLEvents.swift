import CLibXML2

/// What libxml2's forgiving HTML parser reports of a fragment, as it streams it.
public protocol HTMLEventConsumer: AnyObject {
    /// An element's start: its name lowercased, its attributes in order with entities decoded.
    func startElement(_ name: String, attributes: [(name: String, value: String)])
    func endElement(_ name: String)
    /// Text, entities decoded, as UTF-8 bytes; `script`/`style` bodies come here too.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Streams an HTML fragment through libxml2's HTML SAX parser: no tree, no network, comments and
/// processing instructions left out.
///
/// The fragment is parsed inside a wrapper element of a name no document uses, whose own events are
/// not passed on: without one, libxml2 wraps loose text in an implied `<p>` (indistinguishable from a
/// real one), and with `HTML_PARSE_NOIMPLIED` it stops after the first top-level element. A stray end
/// tag in the fragment cannot close the wrapper, since no fragment names it.
public enum HTMLEvents {
    static let wrapper = "feedwatch-fragment-root"

    public static func parse(_ html: String, into consumer: HTMLEventConsumer) {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            var pairs: [(name: String, value: String)] = []
            if var cursor = attributes {
                while let attributeName = cursor.pointee {
                    let value = cursor.advanced(by: 1).pointee
                    pairs.append((String(cString: attributeName).lowercased(), value.map { String(cString: $0) } ?? ""))
                    cursor = cursor.advanced(by: 2)
                }
            }
            let element = String(cString: name).lowercased()
            guard element != HTMLEvents.wrapper else { return }
            Unmanaged<ConsumerBox>.fromOpaque(context).takeUnretainedValue().consumer.startElement(element, attributes: pairs)
        }
        handler.endElement = { context, name in
            guard let context, let name else { return }
            let element = String(cString: name).lowercased()
            guard element != HTMLEvents.wrapper else { return }
            Unmanaged<ConsumerBox>.fromOpaque(context).takeUnretainedValue().consumer.endElement(element)
        }
        handler.characters = { context, characters, length in
            guard let context, let characters else { return }
            Unmanaged<ConsumerBox>.fromOpaque(context).takeUnretainedValue().consumer
                .characters(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.cdataBlock = handler.characters
        let box = ConsumerBox(consumer)
        let wrapped = "<\(wrapper)>" + html + "</\(wrapper)>"
        let context = Unmanaged.passUnretained(box).toOpaque()
        guard let parser = htmlCreatePushParserCtxt(&handler, context, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else { return }
        defer { htmlFreeParserCtxt(parser) }
        _ = htmlCtxtUseOptions(parser, Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue
            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue))
        var source = wrapped
        withExtendedLifetime(box) {
            source.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    _ = htmlParseChunk(parser, chars.baseAddress, Int32(chars.count), 1)
                }
            }
        }
    }
}

/// The consumer, behind one concrete class pointer that libxml2 hands back to each callback.
private final class ConsumerBox {
    let consumer: HTMLEventConsumer
    init(_ consumer: HTMLEventConsumer) { self.consumer = consumer }
}
