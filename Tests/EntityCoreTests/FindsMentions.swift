@testable import EntityCore

/// A mention as the rule tests look at it: short enough to print whole in a failed expectation.
typealias FoundMention = (text: String, type: EntityType, canonical: String)

/// Suites that check the entity rules sentence by sentence.
protocol FindsMentions {
    var engine: EntityEngine { get }
}

extension FindsMentions {
    func found(_ text: String) -> [FoundMention] {
        engine.entities(in: text).map { ($0.text, $0.type, $0.canonical) }
    }

    /// Whether a mention with this text and type is among `mentions`.
    func holds(_ mentions: [FoundMention], _ text: String, _ type: EntityType) -> Bool {
        mentions.contains { $0.text == text && $0.type == type }
    }
}
