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
                output += " \(kept.name)=\"\(Self.escapeAttribute(kept.value))\""
            }
            output += ">"
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
        output += Self.escapeText(String(decoding: bytes, as: UTF8.self))
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
        return (outputName, value)
    }

    /// The URL resolved against the base, or nil when its scheme is not allowed. The scheme is read
    /// the way a browser would: with white space and control characters inside it ignored, so
    /// `java&#9;script:` is still `javascript:`.
    private func safeURL(_ value: String, element: String, attribute: String) -> String? {
        let trimmed = value.trimmed
        let squeezed = String(String.UnicodeScalarView(trimmed.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        if let colon = squeezed.firstIndex(of: ":"),
           !squeezed[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let scheme = squeezed[..<colon].lowercased()
            if scheme == "data" {
                let type = squeezed[squeezed.index(after: colon)...].prefix { $0 != ";" && $0 != "," }.lowercased()
                guard element == "img", attribute == "src", HTMLAllowList.dataImageTypes.contains(type) else { return nil }
                return trimmed
            }
            guard HTMLAllowList.schemes.contains(scheme) else { return nil }
            return trimmed
        }
        return URIResolution.resolve(trimmed, against: base)
    }

    private static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func escapeAttribute(_ text: String) -> String {
        escapeText(text).replacingOccurrences(of: "\"", with: "&quot;")
    }
}
