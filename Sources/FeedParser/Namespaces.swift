/// The namespaces feeds use, and the prefix the parser gives each whatever the document calls it.
enum Namespaces {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    /// Namespaces whose elements are the format's own in RSS and RDF documents.
    static let rssCore: Set<String> = [
        "", rss10, rss090, "http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://purl.org/net/rss1.1#",
        "http://blogs.law.harvard.edu/tech/rss",
    ]
    /// Namespaces whose elements are the format's own in Atom documents.
    static let atomCore: Set<String> = ["", atom10, atom03]

    /// The prefix the parser uses for a namespace, its URI compared without regard to case.
    static func prefix(of namespace: String) -> String? {
        prefixes[namespace] ?? lowercasedPrefixes[namespace.lowercased()]
    }

    private static let lowercasedPrefixes = Dictionary(prefixes.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })

    static let prefixes: [String: String] = [
        atom10: "atom", atom03: "atom",
        "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms",
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://search.yahoo.com/mrss/": "media", "http://search.yahoo.com/mrss": "media",
        // iTunes: Apple's documented URI, the capitalised form real feeds copied, and a widespread typo.
        "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes", "http://www.itunes.com/DTDs/PodCast-1.0.dtd": "itunes",
        "http://example.com/DTDs/PodCast-1.0.dtd": "itunes",
        "http://tools.search.yahoo.com/mrss/": "media",
        "http://www.w3.org/1999/xhtml": "xhtml",
        "http://webns.net/mvcb/": "admin",
        rdf: "rdf",
    ]
}
