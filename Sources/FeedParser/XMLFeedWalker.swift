import Foundation
import FeedModel
import XMLKit

/// Receives an RSS, RDF or Atom document as events (from libxml2's SAX2 parser, or from a recovered
/// tree) and fills a `Feed`.
///
/// Every element's name is first made canonical: the format's own elements keep their local name,
/// elements of a known namespace get that namespace's usual prefix (`dc:date`, `content:encoded`,
/// `media:content`, `atom:link` inside RSS) whatever prefix the document chose. What an element means
/// then depends on the scope it is in: the channel, an item, a channel image, an Atom person, or a
/// part the parser ignores (`textInput`, `atom:source`).
final class XMLFeedWalker: XMLEventConsumer {
    private enum Family { case rss, rdf, atom }

    private enum Scope: Equatable { case root, feed, entry, image, person, ignored }

    private struct Frame {
        var name: ElementName
        var scope: Scope
        /// True for the element that opened `scope`: its end closes the entry or person.
        var opensScope = false
        var capture = false
        var text = ""
        var kind: TextFormat = .text
        var base: String?
        var isPermaLink = true
        /// Atom 0.3 `mode="base64"`, or Atom content of a type that is neither text nor XML (RFC 4287 §4.1.3.3).
        var base64 = false
    }

    private let limits: ParseLimits
    private var family: Family = .rss
    /// The namespaces whose elements are this document's own: the format's, and the root's own
    /// namespace when it is another (old UserLand RSS, Atom 0.3 under a wrong URI).
    private var core: Set<String> = Namespaces.rssCore
    private var feed = Feed()
    private var entry = Entry()
    private var entryMedia = EntryExtras()
    private var feedExtras = FeedExtras()
    private var person = PersonParts()
    private var stack: [Frame] = []
    private var feedDates: [Date] = []
    private(set) var notes: [String] = []

    /// The document's base when no element can change it (no `xml:base` anywhere): asking libxml2 for
    /// each node's base URI walks its ancestors, which costs more than the rest of the element.
    private let fixedBase: String??

    private(set) var sawRoot = false
    private(set) var wantsToStop = false
    /// The top frame is an XHTML text construct whose inner markup comes next, in `capturedMarkup`.
    private var awaitingInnerMarkup = false
    /// An entry is being read. Entries never nest: one that opens while another is open (an unclosed
    /// tag, recovered) finishes the open one first, and its own end then finishes nothing twice.
    private var entryOpen = false

    init(limits: ParseLimits, documentBase: String?, hasXMLBase: Bool) {
        self.limits = limits
        self.fixedBase = hasXMLBase ? .none : .some(documentBase)
    }

    private func base<Element: XMLElementInfo>(of element: Element) -> String? {
        if let fixedBase { return fixedBase }
        return element.baseURI
    }

    /// The feed, once the events are over. Throws only when there was no element at all.
    func finish(problems: [XMLStreamReader.Problem]) throws(FeedParseError) -> Feed {
        guard sawRoot else {
            let detail = problems.first.map { " (\($0))" } ?? ""
            throw FeedParseError(.notAFeed, "not a feed: no XML element could be read\(detail)")
        }
        // Close whatever a truncated document left open, so a half-read item is not lost.
        while let frame = stack.popLast() { endElementFrame(frame) }
        feed.updated = feedDates.max()
        // iTunes fills in what the core elements left out.
        if feed.subtitle == nil { feed.subtitle = feedExtras.itunesSubtitle ?? feedExtras.itunesSummary ?? feedExtras.mediaDescription }
        if feed.author == nil { feed.author = feedExtras.itunesAuthor }
        if feed.image == nil { feed.image = feedExtras.itunesImage }
        if feed.title == nil { feed.title = feedExtras.mediaTitle }
        return feed
    }

    func startDocumentElement<Element: XMLElementInfo>(_ element: Element) throws {
        sawRoot = true
        try startRoot(element)
    }

    var wantsCharacters: Bool { stack.isEmpty ? false : stack[stack.count - 1].capture }

    func characters(_ text: String) {
        guard let last = stack.indices.last, stack[last].capture else { return }
        // Most elements hold one text node: take it as is rather than copying it into "".
        if stack[last].text.isEmpty { stack[last].text = text } else { stack[last].text += text }
    }

    func capturedMarkup(_ markup: String) {
        guard let last = stack.indices.last else { return }
        if awaitingInnerMarkup {
            awaitingInnerMarkup = false
            stack[last].text = Self.unwrapXHTMLDiv(markup)
        } else {
            stack[last].text += markup
        }
    }

    func endElement() {
        guard let frame = stack.popLast() else { return }
        endElementFrame(frame)
    }

    // MARK: Start tags


    private func startRoot<Element: XMLElementInfo>(_ element: Element) throws(FeedParseError) {
        let name = element.localName.lowercased(), namespace = element.namespaceURI
        switch (name, namespace) {
        case ("rss", _):
            family = .rss
            core.insert(namespace)
            feed.format = Self.rssFormat(version: element.attribute("version"))
            stack.append(Frame(name: .other, scope: .root))
        case ("rdf", Namespaces.rdf):
            family = .rdf
            feed.format = .rss10
            stack.append(Frame(name: .other, scope: .root))
        case ("feed", _):
            family = .atom
            core = Namespaces.atomCore.union([namespace])
            let version = element.attribute("version")
            feed.format = namespace == Namespaces.atom03 || (namespace != Namespaces.atom10 && version == "0.3") ? .atom03 : .atom10
            if !Namespaces.atomCore.contains(namespace) {
                notes.append("the <feed> element is in the namespace \(namespace), not Atom's; read as \(feed.format == .atom03 ? "Atom 0.3" : "Atom 1.0")")
            }
            feed.language = element.xmlLang
            stack.append(Frame(name: .other, scope: .feed))
        case ("channel", _) where Namespaces.rssCore.contains(namespace):
            family = .rss
            if element.localName == "CHANNEL" || element.attribute("href") != nil || element.attribute("HREF") != nil {
                // Microsoft's Channel Definition Format: upper-case elements, links in HREF attributes.
                feed.format = .cdf
                readCDFAttributes(element, into: .feed)
            } else {
                // Some RSS 0.9x documents omit the <rss> wrapper.
                feed.format = .rss091
                notes.append("the document has no <rss> element around its <channel>")
            }
            stack.append(Frame(name: .other, scope: .feed))
        default:
            let hint = name == "html" ? "; this is an HTML page, not a feed" : ""
            throw FeedParseError(.notAFeed, "not a feed: the root element is <\(element.qualifiedName)>, not <rss>, <rdf:RDF>, <feed> or <channel>\(hint)")
        }
    }

    /// CDF keeps a channel's or item's link and date in attributes, written in either case.
    private func readCDFAttributes<Element: XMLElementInfo>(_ element: Element, into scope: Scope) {
        let href = (element.attribute("HREF") ?? element.attribute("href")).flatMap(nonEmpty)
        let date = (element.attribute("LASTMOD") ?? element.attribute("lastmod")).flatMap(DateParser.parse)
        let link = href.map { URIResolution.resolve($0, against: base(of: element)) }
        if scope == .entry {
            if entry.link == nil { entry.link = link }
            if entry.updated == nil { entry.updated = date }
        } else {
            if feed.link == nil { feed.link = link }
            if let date { feedDates.append(date) }
        }
    }

    private static func rssFormat(version: String?) -> FeedFormat {
        switch version?.trimmed {
        case "0.90": .rss090
        case "0.91": .rss091
        case "0.92": .rss092
        case "0.93": .rss093
        case "0.94": .rss094
        default: .rss20
        }
    }

    /// Names resolved so far in this document, by libxml2's interned name pointers. A feed uses a few
    /// dozen names, so a short list searched in order beats a hash table.
    private var resolvedNames: [(key: XMLNameKey, name: ElementName)] = []

    private func elementName<Element: XMLElementInfo>(_ element: Element) -> ElementName {
        let key = element.nameKey
        for known in resolvedNames where known.key == key { return known.name }
        let name = ElementName.matching(canonicalName(element))
        resolvedNames.append((key, name))
        return name
    }

    private func canonicalName<Element: XMLElementInfo>(_ element: Element) -> String {
        let namespace = element.namespaceURI, local = element.localName
        if core.contains(namespace) {
            if family == .rdf, namespace == Namespaces.rss090, local == "channel" || local == "item" { feed.format = .rss090 }
            return local
        }
        if let prefix = Namespaces.prefix(of: namespace) { return prefix + ":" + local }
        return "?:" + local
    }

    func startElement<Element: XMLElementInfo>(_ element: Element) -> XMLStartDecision {
        guard let top = stack.indices.last else { return .descend }
        if stack.count >= limits.maximumDepth {
            notes.append("elements nested deeper than \(limits.maximumDepth) levels at line \(element.line); the rest was ignored")
            wantsToStop = true
            return .descend
        }
        // Read the parent's two fields in place: copying the frame (and its strings) per element shows.
        let parentScope = stack[top].scope
        if stack[top].capture {
            // Markup inside a text element (HTML pasted unescaped into a description): keep it as text.
            return .captureOuter
        }
        let name = elementName(element)
        var frame = Frame(name: name, scope: parentScope)
        if parentScope == .ignored {
            frame.scope = .ignored
        } else if let opened = scopeOpened(by: name, in: parentScope) {
            frame.scope = opened
            frame.opensScope = true
            if opened == .entry {
                if entryOpen { finishEntry() }
                entry = Entry()
                entryMedia = EntryExtras()
                entryOpen = true
                if feed.format == .cdf { readCDFAttributes(element, into: .entry) }
                // RSS 1.0 names each item by its URI.
                if family == .rdf, let about = element.attribute("about", namespace: Namespaces.rdf).flatMap(nonEmpty) {
                    entry.id = about
                }
            }
            if opened == .person { person = PersonParts() }
        } else {
            handleAttributes(of: name, in: parentScope, element)
            if name.capturesText {
                frame.capture = true
                (frame.kind, frame.base64) = textKind(of: name, element)
                if name.holdsLink || name.holdsMarkup { frame.base = base(of: element) }
                frame.isPermaLink = name != .guid || element.attribute("isPermaLink")?.lowercased() != "false"
                if frame.kind == .xhtml {
                    stack.append(frame)
                    awaitingInnerMarkup = true
                    return .captureInner
                }
            }
        }
        stack.append(frame)
        return .descend
    }

    private func scopeOpened(by name: ElementName, in scope: Scope) -> Scope? {
        switch name {
        case .channel where family != .atom: return .feed
        case .item where family != .atom, .entry where family == .atom: return .entry
        // A channel's image has a title and link of its own, which must not become the channel's; one
        // inside an item (or anywhere else) must not become the item's.
        case .image: return scope == .feed || scope == .root ? .image : .ignored
        case .textinput, .textInput, .itunesOwner: return .ignored
        case .source where family == .atom && scope == .entry: return .ignored
        case .author, .contributor, .atomAuthor, .atomContributor:
            return (family == .atom || name.isAtomNamespaced) && (scope == .entry || scope == .feed) ? .person : nil
        default: return nil
        }
    }

    /// Elements whose meaning is in their attributes: links, enclosures, media, Atom categories.
    private func handleAttributes<Element: XMLElementInfo>(of name: ElementName, in scope: Scope, _ element: Element) {
        switch name {
        case .link where family == .atom, .atomLink:
            guard let href = element.attribute("href"), !href.isEmpty else { return }
            let url = URIResolution.resolve(href, against: base(of: element))
            let rel = element.attribute("rel")?.lowercased() ?? "alternate"
            let type = element.attribute("type")
            switch (scope, rel) {
            case (.entry, "alternate"):
                if entry.link == nil || (type == "text/html" && !entryMedia.linkIsHTML) {
                    entry.link = url
                    entryMedia.linkIsHTML = type == "text/html"
                }
            case (.entry, "enclosure"):
                addEnclosure(url: url, type: type, length: element.attribute("length"))
            case (.entry, "replies"):
                if entry.comments == nil { entry.comments = url }
            case (.feed, "alternate"):
                if feed.link == nil { feed.link = url }
            default: break
            }
        case .enclosure where scope == .entry, .mediaContent where scope == .entry:
            guard let url = element.attribute("url"), !url.isEmpty else { return }
            addEnclosure(url: URIResolution.resolve(url, against: base(of: element)), type: element.attribute("type"),
                         length: element.attribute(name == .enclosure ? "length" : "fileSize"))
        case .mediaThumbnail where scope == .entry:
            if entry.thumbnail == nil, let url = element.attribute("url") {
                entry.thumbnail = URIResolution.resolve(url, against: base(of: element))
            }
        case .category where family == .atom, .atomCategory:
            if let term = element.attribute("term") ?? element.attribute("label") {
                if scope == .entry {
                    addCategories(from: term, splitting: false, to: &entry.categories, seen: &entryMedia.categories)
                } else if scope == .feed {
                    addCategories(from: term, splitting: false, to: &feed.categories, seen: &feedExtras.categories)
                }
            }
        case .itunesCategory:
            if scope == .feed, let category = element.attribute("text") {
                addCategories(from: category, splitting: false, to: &feed.categories, seen: &feedExtras.categories)
            }
        case .itunesImage:
            guard let href = element.attribute("href") ?? element.attribute("HREF") else { return }
            // The channel's own <image> wins, even when it comes later: iTunes only fills in.
            if scope == .feed, feedExtras.itunesImage == nil { feedExtras.itunesImage = URIResolution.resolve(href, against: base(of: element)) }
            if scope == .entry, entry.thumbnail == nil { entry.thumbnail = URIResolution.resolve(href, against: base(of: element)) }
        case .adminGeneratorAgent:
            if scope == .feed, feed.generator == nil { feed.generator = element.attribute("resource", namespace: Namespaces.rdf) }
        default: break
        }
    }

    private func addEnclosure(url: String, type: String?, length: String?) {
        guard !entry.enclosures.contains(where: { $0.url == url }) else { return }
        let size = length.flatMap { Int($0.trimmed) }.flatMap { $0 >= 0 ? $0 : nil }
        entry.enclosures.append(Enclosure(url: url, type: type.flatMap { $0.isEmpty ? nil : $0 }, length: size))
    }

    /// How an element's text is to be read, and whether it is base64: Atom says so in `type` (or 0.3's
    /// `mode`); RSS text is HTML-ish.
    private func textKind<Element: XMLElementInfo>(of name: ElementName, _ element: Element) -> (TextFormat, base64: Bool) {
        guard family == .atom || name.isAtomNamespaced else { return (name.isRSSMarkup ? .html : .text, false) }
        guard name.isAtomTextConstruct else { return (.text, false) }
        // `text/html; charset=utf-8` is text/html.
        let type = element.attribute("type").map { String($0.lowercased().prefix { $0 != ";" }).trimmed } ?? "text"
        let kind: TextFormat
        var base64 = false
        switch type {
        case "html", "text/html": kind = .html
        case "xhtml", "application/xhtml+xml": kind = .xhtml
        case "text", "": kind = .text
        default:
            if type.hasPrefix("text/") {
                kind = .text
            } else if type.hasSuffix("+xml") || type.hasSuffix("/xml") {
                kind = .xhtml
            } else {
                (kind, base64) = (.text, true)  // RFC 4287 §4.1.3.3: any other type is base64
            }
        }
        switch element.attribute("mode")?.lowercased() {  // Atom 0.3
        case "xml": return (.xhtml, false)
        case "escaped": return (type == "text" || type == "text/plain" ? .html : kind, false)
        case "base64": return (kind == .xhtml ? .html : kind, true)
        default: return (kind, base64)
        }
    }

    /// Atom's xhtml content is wrapped in one `<div>` that is not part of the content (RFC 4287 §3.1.1.3).
    static func unwrapXHTMLDiv(_ markup: String) -> String {
        let trimmed = markup.trimmed
        guard trimmed.hasPrefix("<div"), trimmed.hasSuffix("</div>"),
              let open = trimmed.firstIndex(of: ">") else { return trimmed }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(trimmed.endIndex, offsetBy: -6)]
        return inner.trimmed
    }

    // MARK: End tags

    /// Base64 text as UTF-8; nothing when it is not base64 of text (an image, say), which no reader
    /// can show as a summary or content.
    static func decodeBase64(_ text: String) -> String {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !data.isEmpty,
              let decoded = String(data: data, encoding: .utf8) else { return "" }
        return decoded
    }

    private func endElementFrame(_ frame: Frame) {
        if frame.opensScope {
            switch frame.scope {
            case .entry: finishEntry()
            case .person: finishPerson(into: stack.last?.scope ?? .feed)
            default: break
            }
            return
        }
        guard frame.capture else { return }
        let value = frame.base64 ? Self.decodeBase64(frame.text) : frame.text
        switch frame.scope {
        case .entry: assignEntryField(frame, value)
        case .feed: assignFeedField(frame, value)
        case .image:
            if frame.name == .url, feed.image == nil, let url = nonEmpty(value) {
                feed.image = URIResolution.resolve(url, against: frame.base)
            }
        case .person:
            switch frame.name {
            case .name, .atomName: person.name = nonEmpty(value)
            case .email, .atomEmail: person.email = nonEmpty(value)
            default: break
            }
        case .root, .ignored: break
        }
    }

    private func assignEntryField(_ frame: Frame, _ value: String) {
        switch frame.name {
        case .title, .atomTitle, .dcTitle:
            fill(&entry.title, PlainText.of(value, format: frame.kind))
        case .mediaTitle:
            fill(&entryMedia.mediaTitle, PlainText.of(value, format: .text))
        case .link:
            if entry.link == nil, let url = nonEmpty(value) { entry.link = URIResolution.resolve(url, against: frame.base) }
        case .description, .summary, .atomSummary, .dcDescription, .abstract:
            if entryMedia.identitySummary == nil, value.hasVisibleText { entryMedia.identitySummary = value }
            if entry.summary == nil || entry.summary?.isEmpty == true, !(entry.summary != nil && value.trimmed.isEmpty) {
                entry.summary = value.trimmed
                entry.summaryFormat = frame.kind
                entry.summaryBase = frame.base
            }
        case .itunesSummary:
            fill(&entryMedia.itunesSummary, value.trimmed)
        case .contentEncoded, .content, .atomContent, .xhtmlBody, .body, .fullitem:
            if entry.content == nil, value.hasVisibleText {
                entry.content = value.trimmed
                entry.contentFormat = frame.kind
                entry.contentBase = frame.base
            }
        case .mediaDescription:
            entryMedia.mediaDescription = nonEmpty(value)
        case .guid, .id, .atomId:
            guard let id = nonEmpty(value) else { return }
            entryMedia.rawID = id
            // A relative guid that is a permalink is resolved like a link (one with isPermaLink="false"
            // is an opaque name, as are Atom ids). The identity keeps the id as written, so a feed's
            // entries keep theirs whatever base the document is read with.
            let resolvable = frame.name == .guid && frame.isPermaLink && frame.base != nil && !Self.hasScheme(id)
            entry.id = resolvable ? URIResolution.resolve(id, against: frame.base) : id
            if frame.name == .guid, frame.isPermaLink, id.hasPrefix("http://") || id.hasPrefix("https://") {
                entryMedia.permalink = URIResolution.resolve(id, against: frame.base)
            }
        case .pubDate, .published, .issued, .created, .atomPublished, .dcDate, .dctermsCreated, .dctermsIssued:
            if entry.published == nil { entry.published = DateParser.parse(value) }
        case .updated, .modified, .atomUpdated, .dctermsModified:
            if entry.updated == nil { entry.updated = DateParser.parse(value) }
        case .author, .dcCreator, .dcAuthor:
            if let author = PersonParts.fromRSS(value), !entry.authors.contains(author) { entry.authors.append(author) }
        case .itunesAuthor:
            if entryMedia.itunesAuthor == nil { entryMedia.itunesAuthor = PersonParts.fromRSS(value) }
        case .category, .dcSubject, .mediaKeywords, .itunesKeywords, .mediaCategory:
            addCategories(from: value, splitting: frame.name == .mediaKeywords || frame.name == .itunesKeywords,
                          to: &entry.categories, seen: &entryMedia.categories)
        case .comments:
            if let url = nonEmpty(value) { entry.comments = URIResolution.resolve(url, against: frame.base) }
        default: break
        }
    }

    private func assignFeedField(_ frame: Frame, _ value: String) {
        switch frame.name {
        case .title, .atomTitle, .dcTitle:
            fill(&feed.title, PlainText.of(value, format: frame.kind))
        case .link:
            if feed.link == nil, let url = nonEmpty(value) { feed.link = URIResolution.resolve(url, against: frame.base) }
        case .description, .subtitle, .tagline, .atomSubtitle, .dcDescription, .abstract:
            // Plain text, like a title: the subtitle is shown as a line of text, not rendered.
            fill(&feed.subtitle, PlainText.of(value, format: frame.kind))
        case .itunesSubtitle:
            fill(&feedExtras.itunesSubtitle, PlainText.of(value, format: .html))
        case .mediaTitle:
            fill(&feedExtras.mediaTitle, PlainText.of(value, format: .text))
        case .mediaDescription:
            fill(&feedExtras.mediaDescription, PlainText.of(value, format: .text))
        case .itunesSummary:
            fill(&feedExtras.itunesSummary, PlainText.of(value, format: .html))
        case .language, .dcLanguage:
            if let language = nonEmpty(value) { feed.language = language }
        case .managingEditor, .dcCreator, .dcAuthor, .author, .webMaster, .dcPublisher:
            if feed.author == nil { feed.author = PersonParts.fromRSS(value) }
        case .itunesAuthor:
            if feedExtras.itunesAuthor == nil { feedExtras.itunesAuthor = PersonParts.fromRSS(value) }
        case .generator:
            if feed.generator == nil { feed.generator = nonEmpty(value) }
        case .logo, .atomLogo:
            if let url = nonEmpty(value) { feed.image = URIResolution.resolve(url, against: frame.base) }
        case .icon, .atomIcon:
            if feed.image == nil, let url = nonEmpty(value) { feed.image = URIResolution.resolve(url, against: frame.base) }
        case .lastBuildDate, .pubDate, .updated, .modified, .atomUpdated, .dcDate, .dctermsModified:
            if let date = DateParser.parse(value) { feedDates.append(date) }
        case .ttl:
            feed.ttlMinutes = Int(value.trimmed).flatMap { $0 > 0 ? $0 : nil }
        case .id, .atomId:
            feed.id = nonEmpty(value)
        case .category, .dcSubject, .mediaCategory, .itunesKeywords, .mediaKeywords:
            addCategories(from: value, splitting: frame.name == .itunesKeywords || frame.name == .mediaKeywords,
                          to: &feed.categories, seen: &feedExtras.categories)
        default: break
        }
    }

    /// Sets a field the first time it is seen, or over an earlier one that held nothing: an element
    /// that is there but empty is `""`, not absent, until one with text comes.
    private func fill(_ field: inout String?, _ value: String) {
        if field == nil || (field?.isEmpty == true && !value.isEmpty) { field = value }
    }

    /// Categories, each once: a set beside the list, since one entry may hold thousands.
    private func addCategories(from value: String, splitting: Bool, to categories: inout [String], seen: inout Set<String>) {
        let terms = splitting ? value.split(separator: ",").map(String.init) : [value]
        for term in terms {
            if let category = nonEmpty(term), seen.insert(category).inserted { categories.append(category) }
        }
    }

    /// `scheme:` at the start (RFC 3986 §3.1), decided on the bytes: this runs for every id.
    private static func hasScheme(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return count > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): count += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard count > 0 else { return false }
                count += 1
            default: return false
            }
        }
        return false
    }

    private func finishEntry() {
        guard entryOpen else { return }
        entryOpen = false
        if entry.link == nil { entry.link = entryMedia.permalink }
        // The identity is made from what earlier versions made it from (the id as written, the
        // first summary with text, untrimmed, else media:description; no title or id filled in from
        // elsewhere), so entries already stored keep theirs and never alert again.
        var identitySource = entry
        identitySource.id = entryMedia.rawID
        identitySource.title = entry.title.flatMap { $0.isEmpty ? nil : $0 }
        identitySource.summary = entryMedia.identitySummary ?? entryMedia.mediaDescription
        entry.identity = EntryIdentity.of(identitySource)
        if entry.title == nil { entry.title = entryMedia.mediaTitle }
        if entry.authors.isEmpty, let author = entryMedia.itunesAuthor { entry.authors = [author] }
        if entry.summary == nil, let summary = entryMedia.itunesSummary ?? entryMedia.mediaDescription {
            entry.summary = summary
            entry.summaryFormat = .text
        }
        // Readers show an entry's summary; one with only content has that as its summary too.
        if entry.summary == nil, let content = entry.content {
            entry.summary = content
            entry.summaryFormat = entry.contentFormat
            entry.summaryBase = entry.contentBase
            entry.summaryIsContent = true
        }
        feed.entries.append(entry)
    }

    private func finishPerson(into scope: Scope) {
        guard let display = person.name ?? person.email else { return }
        if scope == .entry {
            if !entry.authors.contains(display) { entry.authors.append(display) }
        } else if feed.author == nil {
            feed.author = display
        }
    }

    private func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }


}

/// Parts of an entry that are only needed while it is read.
private struct EntryExtras {
    var linkIsHTML = false
    var permalink: String?
    var mediaDescription: String?
    var mediaTitle: String?
    var itunesSummary: String?
    var itunesAuthor: String?
    /// The guid or id as the document wrote it, before resolution against the base.
    var rawID: String?
    /// The first summary with visible text, as written: what the identity is made from.
    var identitySummary: String?
    var categories: Set<String> = []
}

/// Channel fields that fill in for missing core ones when the document is over.
private struct FeedExtras {
    var itunesSubtitle: String?
    var itunesSummary: String?
    var itunesAuthor: String?
    var itunesImage: String?
    var mediaTitle: String?
    var mediaDescription: String?
    var categories: Set<String> = []
}

/// An Atom person construct, or an RSS author line.
private struct PersonParts {
    var name: String?
    var email: String?

    /// RSS authors are often `email (Name)`: the name is what a person wants to read.
    static func fromRSS(_ raw: String) -> String? {
        let value = raw.trimmed
        guard !value.isEmpty else { return nil }
        if value.hasSuffix(")"), let open = value.firstIndex(of: "("), value[..<open].contains("@") {
            let name = value[value.index(after: open)..<value.index(before: value.endIndex)].trimmed
            if !name.isEmpty { return name }
        }
        return value
    }
}

extension ElementName {
    /// Elements whose character content is captured (everything else is skipped without copying text).
    var capturesText: Bool {
        switch self {
        case .title, .atomTitle, .dcTitle, .link, .description, .summary,
             .atomSummary, .dcDescription, .contentEncoded, .content, .atomContent, .xhtmlBody,
             .mediaDescription, .guid, .id, .atomId, .pubDate, .published,
             .issued, .created, .atomPublished, .dcDate, .dctermsCreated, .dctermsIssued,
             .updated, .modified, .atomUpdated, .dctermsModified, .author, .dcCreator,
             .itunesAuthor, .category, .dcSubject, .mediaKeywords, .comments, .subtitle,
             .tagline, .atomSubtitle, .itunesSubtitle, .language, .dcLanguage, .managingEditor,
             .webMaster, .dcPublisher, .generator, .logo, .atomLogo, .icon,
             .atomIcon, .lastBuildDate, .ttl, .url, .name, .atomName,
             .email, .atomEmail, .itunesSummary, .itunesKeywords, .mediaTitle, .mediaCategory, .dcAuthor,
             .body, .fullitem, .abstract:
            true
        default:
            false
        }
    }

    /// Elements whose text is a URL, resolved against the base in force.
    var holdsLink: Bool {
        switch self {
        case .link, .guid, .id, .atomId, .comments, .url, .logo, .atomLogo,
             .icon, .atomIcon:
            true
        default:
            false
        }
    }

    /// Elements whose text may be HTML with links in it, resolved against the base in force there.
    var holdsMarkup: Bool {
        switch self {
        case .description, .summary, .atomSummary, .dcDescription, .abstract, .itunesSummary, .contentEncoded, .content,
             .atomContent, .xhtmlBody, .body, .fullitem:
            true
        default:
            false
        }
    }

    /// Atom text constructs, whose `type` says how to read them.
    var isAtomTextConstruct: Bool {
        switch self {
        case .title, .subtitle, .tagline, .summary, .content, .rights,
             .info, .atomTitle, .atomSubtitle, .atomSummary, .atomContent:
            true
        default:
            false
        }
    }

    /// RSS elements whose text is HTML in practice (escaped or in CDATA).
    var isRSSMarkup: Bool {
        switch self {
        case .title, .description, .contentEncoded, .xhtmlBody, .dcDescription, .itunesSubtitle, .itunesSummary,
             .body, .fullitem, .abstract:
            true
        default:
            false
        }
    }
}
