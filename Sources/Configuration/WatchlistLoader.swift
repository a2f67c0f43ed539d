import EntityCore
import Foundation
import Yams

/// Loads watch-lists from `feeds.yaml` (its `watchlists:` list) and from the files it includes.
///
///     watchlists:
///       - name: russia-cyber
///         rule: all                  # any (default) or all of the topics
///         min_mentions: 1
///         fields: [title, summary, content]
///         sinks: [ops]               # default: every sink
///         delivery: {digest: daily 08:00 Europe/Berlin}   # default: each sink's own policy
///         topics:
///           - name: cyber operations
///             terms: [cyber operations, cyberattack]
///             exclude: [video game]
///           - name: Russia
///             entity: Russia         # the gazetteer's names, aliases and demonyms
///           - NATO                   # a bare text is a topic with that one term
///       - include: watchlists/energy.yaml   # a file holding more watch-lists
public enum WatchlistLoader {
    static let topLevelKeys = ["settings", "sinks", "feeds", "watchlists", "include"]
    static let watchlistKeys = ["name", "topics", "rule", "min_mentions", "fields", "sinks", "delivery"]
    static let topicKeys = ["name", "terms", "aliases", "entity", "also", "case_sensitive", "exclude"]

    /// Every watch-list of the configuration file at `path` (and its includes); throws `ConfigErrors`.
    public static func load(path: String) throws -> [Watchlist] {
        try ConfigLoader.load(path: path).watchlists
    }
}

/// Reads watch-lists and their topics from YAML nodes.
enum WatchlistReader {
    static let watchlistKeys = WatchlistLoader.watchlistKeys
    static let topicKeys = WatchlistLoader.topicKeys

    static func readListItem(_ node: Node, _ reader: inout YAMLReader, _ config: inout FeedwatchConfig, _ includes: inout [Node]) {
        if let mapping = node.mapping, mapping.count == 1, let include = mapping["include"] {
            includes.append(include)
            return
        }
        if let list = readWatchlist(node, &reader, &config.watchlistPolicies) { config.watchlists.append(list) }
    }

    private static func readWatchlist(_ node: Node, _ reader: inout YAMLReader, _ policies: inout [String: DeliveryPolicy]) -> Watchlist? {
        guard let fields = reader.mapping(node, "a watch-list", allowed: watchlistKeys) else { return nil }
        guard let name = reader.string(fields["name"], "name"), !name.isEmpty else {
            reader.fail(node, "a watch-list needs a name")
            return nil
        }
        let what = "watch-list '\(name)'"
        var list = Watchlist(name: name, topics: [])
        if let ruleNode = fields["rule"] {
            switch reader.string(ruleNode, "\(what): rule") {
            case "any": list.rule = .any
            case "all": list.rule = .all
            case let other?: reader.fail(ruleNode, "\(what): rule must be 'any' or 'all', not '\(other)'")
            case nil: break
            }
        }
        list.minimumMentions = reader.integer(fields["min_mentions"], "\(what): min_mentions", minimum: 1) ?? 1
        if let fieldsNode = fields["fields"] {
            var chosen = Set<ArticleField>()
            for value in reader.strings(fieldsNode, "\(what): fields") {
                if let field = ArticleField(rawValue: value) {
                    chosen.insert(field)
                } else {
                    reader.fail(fieldsNode, "\(what): fields can be title, summary and content, not '\(value)'")
                }
            }
            if !chosen.isEmpty { list.fields = chosen }
        }
        if let sinksNode = fields["sinks"] {
            list.sinks = reader.strings(sinksNode, "\(what): sinks")
            for (index, sink) in (list.sinks ?? []).enumerated() {
                reader.note(.sinkReference, sink, at: sinksNode.sequence.map(Array.init)?[index] ?? sinksNode, owner: what)
            }
        }
        if let deliveryNode = fields["delivery"] {
            policies[name] = DeliveryPolicyReader.readWatchlistDelivery(deliveryNode, what, &reader)
        }
        guard let topicsNode = fields["topics"], let topics = topicsNode.sequence, !topics.isEmpty else {
            reader.fail(fields["topics"] ?? node, "\(what) needs a list of topics")
            return nil
        }
        for topicNode in topics {
            if let topic = readTopic(topicNode, within: what, &reader) { list.topics.append(topic) }
        }
        return list
    }

    private static func readTopic(_ node: Node, within what: String, _ reader: inout YAMLReader) -> Topic? {
        if let term = node.scalar?.string {
            return Topic(name: term, terms: [term])
        }
        guard let fields = reader.mapping(node, "\(what): a topic", allowed: topicKeys) else { return nil }
        let terms = reader.strings(fields["terms"], "\(what): terms")
        let entity = reader.string(fields["entity"], "\(what): entity")
        guard let name = reader.string(fields["name"], "\(what): topic name") ?? entity ?? terms.first else {
            reader.fail(node, "\(what): a topic needs a name, terms or an entity")
            return nil
        }
        var also = Set<EntityStandIn>()
        for word in reader.strings(fields["also"], "\(what): also") {
            guard let standIn = EntityStandIn(rawValue: word) else {
                let known = EntityStandIn.allCases.map(\.rawValue)
                let hint = YAMLReader.closest(to: word, in: known).map { "; did you mean '\($0)'?" } ?? ""
                reader.fail(fields["also"], "\(what): also takes \(known.joined(separator: ", ")), not '\(word)'\(hint)")
                continue
            }
            also.insert(standIn)
        }
        if !also.isEmpty, entity == nil { reader.fail(fields["also"], "\(what): also needs an entity to stand for") }
        let topic = Topic(name: name, terms: terms, aliases: reader.strings(fields["aliases"], "\(what): aliases"),
                          entity: entity, caseSensitive: reader.bool(fields["case_sensitive"], "\(what): case_sensitive") ?? false,
                          exclude: reader.strings(fields["exclude"], "\(what): exclude"), also: also)
        if topic.terms.isEmpty, topic.aliases.isEmpty, topic.entity == nil {
            reader.fail(node, "\(what), topic '\(name)': give it terms, aliases or an entity")
            return nil
        }
        let context = "\(what), topic '\(name)'"
        checkPhrases(fields["terms"], "\(context): terms", EntityEngine.problem(withTerm:), &reader)
        for key in ["aliases", "exclude"] { checkPhrases(fields[key], "\(context): \(key)", EntityEngine.problem(withPhrase:), &reader) }
        if let entity, entity.allSatisfy(\.isWhitespace) {
            reader.fail(fields["entity"], "\(context): entity is empty; give the name of a gazetteer entry")
        } else if let entity, Gazetteer.builtIn.entry(named: entity) == nil {
            reader.fail(fields["entity"], "\(context): entity '\(entity)' is not in the gazetteer\(suggestion(for: entity, &reader)); use terms instead")
        }
        return topic
    }

    /// " (did you mean 'Russia'?)" for "Rusia", or "": the closest of the gazetteer's names of about
    /// the same length, while the reader has suggestions left.
    private static func suggestion(for entity: String, _ reader: inout YAMLReader) -> String {
        guard reader.longListSuggestionsLeft > 0 else { return "" }
        reader.longListSuggestionsLeft -= 1
        let length = entity.utf8.count, slack = max(2, entity.count / 3)
        let near = Gazetteer.builtIn.entries.map(\.canonical).filter { abs($0.utf8.count - length) <= slack }
        return YAMLReader.closest(to: entity, in: near).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// An error at each phrase that could never match ("---", "🚀", "c*"), at its own line: a term that
    /// silently never matches is a watch that silently never alerts.
    private static func checkPhrases(_ node: Node?, _ what: String, _ problem: (String) -> String?, _ reader: inout YAMLReader) {
        let items = node?.sequence.map(Array.init) ?? node.map { [$0] } ?? []
        for item in items {
            guard let phrase = item.scalar?.string, let problem = problem(phrase) else { continue }
            reader.fail(item, "\(what): '\(phrase)' \(problem)")
        }
    }
}
