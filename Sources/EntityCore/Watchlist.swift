/// A named set of topics and the rule that decides when they alert.
public struct Watchlist: Sendable, Equatable {
    public enum Rule: String, Sendable, Equatable, Codable {
        /// Alert when any topic hits (the default).
        case any
        /// Alert only when every topic hits.
        case all
    }

    public var name: String
    public var topics: [Topic]
    public var rule: Rule
    /// Hits needed in all, over every topic (default 1).
    public var minimumMentions: Int
    /// Where to look (default: title, summary and content).
    public var fields: Set<ArticleField>
    /// The sinks alerts go to; nil means every sink.
    public var sinks: [String]?

    public init(name: String, topics: [Topic], rule: Rule = .any, minimumMentions: Int = 1,
                fields: Set<ArticleField> = Set(ArticleField.allCases), sinks: [String]? = nil) {
        self.name = name
        self.topics = topics
        self.rule = rule
        self.minimumMentions = minimumMentions
        self.fields = fields
        self.sinks = sinks
    }
}

/// Something a watch-list looks for.
public struct Topic: Sendable, Equatable {
    public var name: String
    /// Phrases that mean this topic. Inflections match ("operation" finds "operations"), as do other
    /// cases and hyphenation ("Cyber-Operations"), unless the term is case-sensitive.
    public var terms: [String]
    /// More phrases, reported as aliases in the match.
    public var aliases: [String]
    /// A gazetteer entity whose names, aliases and demonyms all count ("Russia" also finds
    /// "Russian forces" and "the Russian Federation").
    public var entity: String?
    /// Match terms only with the case as written. Terms that are short acronyms ("US", "IT") are
    /// always matched this way, so they do not fire on "us" or "it".
    public var caseSensitive: Bool
    /// If any of these appears in the looked-at fields, the topic does not hit.
    public var exclude: [String]
    /// What also stands for the entity, as news writes it: "Moscow said", "the Kremlin denied",
    /// "Putin ordered" are about Russia.
    public var also: Set<EntityStandIn>

    public init(name: String, terms: [String] = [], aliases: [String] = [], entity: String? = nil,
                caseSensitive: Bool = false, exclude: [String] = [], also: Set<EntityStandIn> = []) {
        self.name = name
        self.terms = terms
        self.aliases = aliases
        self.entity = entity
        self.caseSensitive = caseSensitive
        self.exclude = exclude
        self.also = also
    }
}

/// What can stand for a country in the news.
public enum EntityStandIn: String, Sendable, CaseIterable, Hashable {
    /// Its capital (Moscow).
    case capital
    /// Its seat of government (the Kremlin).
    case seat
    /// Its current heads of state and government, as the gazetteer has them (Putin, Mishustin).
    case leaders
}

/// The parts of an article the entity core reads (plain text).
public enum ArticleField: String, Sendable, CaseIterable, Codable, Comparable {
    case title, summary, content

    /// How much a hit in this field adds to a match's score.
    public var weight: Double {
        switch self {
        case .title: 3
        case .summary: 2
        case .content: 1
        }
    }

    /// The field's place in `allCases`: title 0, summary 1, content 2.
    var index: Int {
        switch self {
        case .title: 0
        case .summary: 1
        case .content: 2
        }
    }

    /// The field at `index` (title 0, summary 1, content 2).
    static func at(_ index: Int) -> ArticleField {
        switch index {
        case 0: .title
        case 1: .summary
        default: .content
        }
    }

    public static func < (lhs: ArticleField, rhs: ArticleField) -> Bool { lhs.index < rhs.index }
}

/// An article's plain text, by field.
public struct Article: Sendable {
    public var title: String?
    public var summary: String?
    public var content: String?

    public init(title: String? = nil, summary: String? = nil, content: String? = nil) {
        self.title = title
        self.summary = summary
        self.content = content
    }

    func text(of field: ArticleField) -> String? {
        switch field {
        case .title: title
        case .summary: summary
        case .content: content
        }
    }
}
