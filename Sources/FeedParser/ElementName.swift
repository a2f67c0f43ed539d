/// The elements the parser gives meaning to, by canonical name: the format's own elements by their
/// local name, others as `prefix:name` with the usual prefix of their namespace (see `Namespaces`).
/// Everything else is `.other` and is skipped.
enum ElementName: String, CaseIterable {
    case adminGeneratorAgent = "admin:generatorAgent"
    case atomAuthor = "atom:author"
    case atomCategory = "atom:category"
    case atomContent = "atom:content"
    case atomContributor = "atom:contributor"
    case atomEmail = "atom:email"
    case atomIcon = "atom:icon"
    case atomId = "atom:id"
    case atomLink = "atom:link"
    case atomLogo = "atom:logo"
    case atomName = "atom:name"
    case atomPublished = "atom:published"
    case atomSubtitle = "atom:subtitle"
    case atomSummary = "atom:summary"
    case atomTitle = "atom:title"
    case atomUpdated = "atom:updated"
    case author
    case category
    case channel
    case comments
    case content
    case contentEncoded = "content:encoded"
    case contributor
    case created
    case dcCreator = "dc:creator"
    case dcDate = "dc:date"
    case dcDescription = "dc:description"
    case dcLanguage = "dc:language"
    case dcPublisher = "dc:publisher"
    case dcSubject = "dc:subject"
    case dcTitle = "dc:title"
    case dctermsCreated = "dcterms:created"
    case dctermsIssued = "dcterms:issued"
    case dctermsModified = "dcterms:modified"
    case description
    case email
    case enclosure
    case entry
    case generator
    case guid
    case icon
    case id
    case image
    case abstract
    case info
    case issued
    case item
    case itunesAuthor = "itunes:author"
    case itunesCategory = "itunes:category"
    case itunesImage = "itunes:image"
    case itunesKeywords = "itunes:keywords"
    case itunesOwner = "itunes:owner"
    case itunesSubtitle = "itunes:subtitle"
    case itunesSummary = "itunes:summary"
    case language
    case lastBuildDate
    case link
    case logo
    case managingEditor
    case body
    case dcAuthor = "dc:author"
    case fullitem
    case mediaCategory = "media:category"
    case mediaContent = "media:content"
    case mediaDescription = "media:description"
    case mediaTitle = "media:title"
    case mediaKeywords = "media:keywords"
    case mediaThumbnail = "media:thumbnail"
    case modified
    case name
    case pubDate
    case published
    case rights
    case source
    case subtitle
    case summary
    case tagline
    case textInput
    case textinput
    case title
    case ttl
    case updated
    case url
    case webMaster
    case xhtmlBody = "xhtml:body"
    case other = "?"

    var isAtomNamespaced: Bool { rawValue.hasPrefix("atom:") }

    /// Element names are matched without regard to case, as long-lived parsers do: real feeds write
    /// `<pubdate>`, `<Title>` and `<itunes:Summary>`.
    static func matching(_ canonical: String) -> ElementName {
        byLowercasedName[canonical.lowercased()] ?? .other
    }

    private static let byLowercasedName: [String: ElementName] = Dictionary(
        allCases.filter { $0 != .other }.map { ($0.rawValue.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
}
