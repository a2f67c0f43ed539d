import Foundation
import XMLKit

/// Makes a feed's HTML safe to hand on: only `HTMLAllowList`'s elements, attributes, URL schemes and
/// CSS are kept, relative URLs are resolved against the base, and the result is well-formed (every
/// element kept is closed). Text is kept: a disallowed element loses its tags, not its words, except
/// where its content is code (`script`, `style`, `object` …), which goes with it.
public enum HTMLSanitizer {
    /// Elements nested deeper than this are flattened (their text kept): a hostile document can nest
    /// thousands, and what nests that deep is never a layout anyone meant.
    public static let maximumDepth = 256

    /// Text as HTML: `&`, `<` and `>` escaped, and `"` too for an attribute value. Byte by byte, not
    /// by Character: a quote followed by a combining mark is one Character to Swift but still a quote
    /// to an HTML parser.
    public static func escapeText(_ text: String, inAttribute: Bool = false) -> String {
        let quote: UInt8 = inAttribute ? UInt8(ascii: "\"") : UInt8(ascii: "&")
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == quote })
        else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where inAttribute: bytes += Array("&quot;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func sanitize(_ html: String, base: String?) -> String {
        guard html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return html }
        let writer = SanitizingWriter(base: base)
        HTMLEvents.parse(html, into: writer)
        return writer.finish()
    }
}

private final class SanitizingWriter: HTMLEventConsumer {
    private struct OpenElement {
        var name: String
        /// Its tags are in the output.
        var written: Bool
        /// It is removed with its content (or is inside one that is).
        var dropped: Bool
    }

    private let base: String?
    private var output = ""
    private var open: [OpenElement] = []
    private var droppedDepth = 0
    private var svgDepth = 0
    private var mathDepth = 0

    init(base: String?) { self.base = base }

    func startElement(_ name: String, attributes: [(name: String, value: String)]) {
        let isVoid = HTMLAllowList.void.contains(name)
        if droppedDepth > 0 || HTMLAllowList.droppedWithContent.contains(name) {
            if !isVoid {
                droppedDepth += 1
                open.append(OpenElement(name: name, written: false, dropped: true))
            }
            return
        }
        if name == "svg" { svgDepth += 1 }
        if name == "math" { mathDepth += 1 }
        let allowed = isAllowed(name) && open.count < HTMLSanitizer.maximumDepth
        if allowed {
            output += "<" + (svgDepth > 0 ? HTMLAllowList.svgAttributeCase[name] ?? name : name)
            for (attribute, value) in attributes {
                guard let kept = sanitizedAttribute(attribute, value, element: name) else { continue }
                output += " \(kept.name)=\"\(HTMLSanitizer.escapeText(kept.value, inAttribute: true))\""
            }
            output += isVoid ? " />" : ">"
        }
        if !isVoid { open.append(OpenElement(name: name, written: allowed, dropped: false)) }
    }

    func endElement(_ name: String) {
        // The end closes the innermost open element of that name, and whatever is open inside it.
        guard let index = open.lastIndex(where: { $0.name == name }) else { return }
        while open.count > index { close(open.removeLast()) }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard droppedDepth == 0 else { return }
        output += HTMLSanitizer.escapeText(String(decoding: bytes, as: UTF8.self))
    }

    func finish() -> String {
        while let element = open.popLast() { close(element) }
        return output
    }

    private func close(_ element: OpenElement) {
        if element.dropped {
            droppedDepth -= 1
            return
        }
        if element.name == "svg" { svgDepth -= 1 }
        if element.name == "math" { mathDepth -= 1 }
        if element.written { output += "</" + (HTMLAllowList.svgAttributeCase[element.name] ?? element.name) + ">" }
    }

    private func isAllowed(_ name: String) -> Bool {
        if svgDepth > 0 || name == "svg" { return HTMLAllowList.svgElements.contains(name) }
        if mathDepth > 0 || name == "math" { return HTMLAllowList.mathElements.contains(name) }
        return HTMLAllowList.elements.contains(name)
    }

    private func sanitizedAttribute(_ name: String, _ value: String, element: String) -> (name: String, value: String)? {
        let allowed = svgDepth > 0 ? HTMLAllowList.svgAttributes : mathDepth > 0 ? HTMLAllowList.mathAttributes : HTMLAllowList.attributes
        guard allowed.contains(name), !name.hasPrefix("on") else { return nil }
        let outputName = svgDepth > 0 ? HTMLAllowList.svgAttributeCase[name] ?? name : name
        if name == "style" {
            guard let style = CSSSanitizer.sanitize(value), !style.isEmpty else { return nil }
            return (outputName, style)
        }
        if name == "srcset" {
            let candidates = value.split(separator: ",").compactMap { candidate -> String? in
                let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
                guard let url = parts.first, let safe = safeURL(String(url), element: element, attribute: "src") else { return nil }
                return ([safe] + parts.dropFirst().map(String.init)).joined(separator: " ")
            }
            return candidates.isEmpty ? nil : (outputName, candidates.joined(separator: ", "))
        }
        if HTMLAllowList.urlAttributes.contains(name) {
            guard let safe = safeURL(value, element: element, attribute: name) else { return nil }
            return (outputName, safe)
        }
        // SVG paint and clip values may point into the document (`url(#gradient)`), never out of it.
        if svgDepth > 0, value.lowercased().contains("url("), !Self.pointsOnlyWithinDocument(value) { return nil }
        return (outputName, value)
    }

    private static func pointsOnlyWithinDocument(_ value: String) -> Bool {
        let squeezed = value.lowercased().filter { !$0.isWhitespace }
        return squeezed.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("'#") || $0.hasPrefix("\"#") }
    }

    /// The URL resolved against the base, or nil when its scheme is not allowed. The scheme is read
    /// the way a browser would: with white space and control characters inside it ignored, so
    /// `java&#9;script:` is still `javascript:`.
    private func safeURL(_ value: String, element: String, attribute: String) -> String? {
        let trimmed = value.trimmed
        // Resolved first, then checked: a hostile base (`xml:base="javascript:…//"`) makes a relative
        // link a javascript: one.
        let absolute = Self.scheme(of: trimmed) == nil ? URIResolution.resolve(trimmed, against: base) : trimmed
        guard let scheme = Self.scheme(of: absolute) else { return absolute }  // still relative: no base
        if scheme == "data" {
            let squeezed = Self.squeezed(absolute)
            let type = squeezed.dropFirst(5).prefix { $0 != ";" && $0 != "," }.lowercased()
            guard element == "img", attribute == "src", HTMLAllowList.dataImageTypes.contains(type) else { return nil }
            return absolute
        }
        return HTMLAllowList.schemes.contains(scheme) ? absolute : nil
    }

    /// White space and control characters inside a URL, which browsers skip when they read its scheme.
    private static func squeezed(_ url: String) -> String {
        String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
    }

    /// The URL's scheme, lowercased, read as a browser reads it; nil for a relative reference.
    private static func scheme(of url: String) -> String? {
        let squeezed = squeezed(url)
        guard let colon = squeezed.firstIndex(of: ":"),
              !squeezed[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return nil }
        return squeezed[..<colon].lowercased()
    }
}
