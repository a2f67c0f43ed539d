import Yams

/// Reads YAML nodes while keeping their position, so every complaint can name file, line and column.
struct YAMLReader {
    let file: String
    var errors: [ConfigError] = []
    /// Where names are defined and referred to, so cross-references can be checked with positions.
    var places: [NamePlace] = []
    /// A suggestion from a long list (the gazetteer's 26,000 names) costs milliseconds: a file that
    /// names thousands of unknown entities gets suggestions for the first of them only.
    var longListSuggestionsLeft = 20

    mutating func note(_ kind: NamePlace.Kind, _ name: String, at node: Node?, owner: String) {
        places.append(NamePlace(kind: kind, name: name, owner: owner, file: file, line: node?.mark?.line ?? 0,
                                column: node?.mark?.column ?? 0))
    }

    mutating func fail(_ node: Node?, _ message: String) {
        errors.append(ConfigError(file: file, line: (node?.mark?.line ?? 0), column: (node?.mark?.column ?? 0), message: message))
    }

    /// The pairs of a mapping; an error for any key outside `allowed` (a typo must not silently
    /// switch something off).
    mutating func mapping(_ node: Node, _ what: String, allowed: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            fail(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { fail(key, "\(what): keys must be text"); continue }
            guard allowed.contains(name) else {
                let hint = Self.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                fail(key, "\(what): unknown key '\(name)' (known keys: \(allowed.joined(separator: ", ")))\(hint)")
                continue
            }
            result[name] = value
        }
        return result
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let value = node.scalar?.string, node.scalar != nil else {
            fail(node, "\(what) must be text")
            return nil
        }
        return value
    }

    /// A list of text; a single text counts as a list of one.
    mutating func strings(_ node: Node?, _ what: String) -> [String] {
        guard let node else { return [] }
        if let single = node.scalar?.string { return [single] }
        guard let sequence = node.sequence else {
            fail(node, "\(what) must be a list of text")
            return []
        }
        return sequence.compactMap { string($0, what) }
    }

    mutating func integer(_ node: Node?, _ what: String, minimum: Int) -> Int? {
        guard let node else { return nil }
        guard let text = node.scalar?.string, let value = Int(text), value >= minimum else {
            fail(node, "\(what) must be a whole number of at least \(minimum)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(node, "\(what) must be true or false")
            return nil
        }
    }

    /// The allowed word nearest to a misspelling, when it is close enough to be what was meant.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (candidate, score) = scored, score <= max(2, word.count / 3) else { return nil }
        return candidate
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j] + (x == y ? 0 : 1), previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A name in the configuration and where it is written.
struct NamePlace: Sendable {
    enum Kind: Sendable { case sinkReference, watchlistReference }
    let kind: Kind
    let name: String
    /// Who refers to it ("watch-list 'w'", "feed 'https://…'").
    let owner: String
    let file: String
    let line: Int
    let column: Int
}
