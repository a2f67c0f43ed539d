/// The tagger's labels: O, then B, I, L and U (begin, inside, last, unit) for each entity type, in
/// the order of `EntityTags.types`. BILOU rather than BIO: a one-word name and the ends of longer
/// ones get their own weights, which helps most where names are short (surnames, acronyms).
enum EntityTags {
    static let types: [EntityType] = [.person, .organization, .location, .misc]
    static let count = 1 + 4 * types.count
    static let outside: UInt8 = 0

    enum Position: UInt8 { case begin = 0, inside, last, unit }

    static func tag(_ type: EntityType, _ position: Position) -> UInt8 {
        UInt8(1 + 4 * typeIndex(type)) + position.rawValue
    }

    static func typeIndex(_ type: EntityType) -> Int {
        switch type {
        case .person: 0
        case .organization: 1
        case .location: 2
        case .misc: 3
        }
    }

    static func type(of tag: UInt8) -> EntityType? { tag == outside ? nil : types[Int(tag - 1) / 4] }

    static func position(of tag: UInt8) -> Position? { tag == outside ? nil : Position(rawValue: (tag - 1) % 4) }

    /// Whether `tag` may follow `previous`: I and L only continue an open name (B, I) of their type.
    /// O, B and U may follow anything, so a name opened by mistake can end at once; `spans` closes
    /// a name left open where the next tag does not continue it.
    static func allowed(_ tag: UInt8, after previous: UInt8) -> Bool {
        guard let position = position(of: tag), position == .inside || position == .last else { return true }
        return isOpen(previous) && type(of: tag) == type(of: previous)
    }

    /// Whether a name may stay open after `tag` (it may not at the end of a sentence or the text).
    static func isOpen(_ tag: UInt8) -> Bool {
        tag != outside && (position(of: tag) == .begin || position(of: tag) == .inside)
    }

    /// The tags of token spans `first...last` of each type, over `count` tokens.
    static func tags(count: Int, spans: [(first: Int, last: Int, type: EntityType)]) -> [UInt8] {
        var tags = [UInt8](repeating: outside, count: count)
        for span in spans {
            if span.first == span.last {
                tags[span.first] = tag(span.type, .unit)
                continue
            }
            tags[span.first] = tag(span.type, .begin)
            for index in (span.first + 1)..<span.last { tags[index] = tag(span.type, .inside) }
            tags[span.last] = tag(span.type, .last)
        }
        return tags
    }

    /// The spans a tag sequence describes; a name left open ends at its last continued token.
    static func spans(_ tags: [UInt8]) -> [(first: Int, last: Int, type: EntityType)] {
        var spans: [(first: Int, last: Int, type: EntityType)] = []
        var open: (first: Int, type: EntityType)?
        func close(at last: Int) {
            if let name = open { spans.append((name.first, last, name.type)) }
            open = nil
        }
        for (index, tag) in tags.enumerated() {
            let type = type(of: tag)
            let continues = open != nil && open?.type == type && (position(of: tag) == .inside || position(of: tag) == .last)
            if !continues { close(at: index - 1) }
            guard let type, let position = position(of: tag) else { continue }
            switch position {
            case .unit: spans.append((index, index, type))
            case .begin: open = (index, type)
            case .inside: if open == nil { open = (index, type) }
            case .last: close(at: index)
            }
        }
        close(at: tags.count - 1)
        return spans
    }
}
