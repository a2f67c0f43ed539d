import Foundation

/// Named things feedwatch knows without reading about them: countries with their names, aliases and
/// demonyms, capitals and large cities, office-holders, and well-known organisations.
/// The built-in one ships as `Resources/gazetteer.json`, derived by `scripts/derive-gazetteer.py`.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public var canonical: String
        public var type: EntityType
        public var aliases: [String]
        public var demonyms: [String]
        /// The country a city or office-holder belongs to.
        public var country: String?

        public init(canonical: String, type: EntityType, aliases: [String] = [], demonyms: [String] = [], country: String? = nil) {
            self.canonical = canonical
            self.type = type
            self.aliases = aliases
            self.demonyms = demonyms
            self.country = country
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The gazetteer shipped with feedwatch.
    public static let builtIn: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else {
            // The resource is part of the build; without it only text cues find entities.
            return Gazetteer(entries: [])
        }
        return Gazetteer(entries: file.entries)
    }()

    private struct File: Codable { var entries: [Entry] }

    /// The entry with this canonical name or alias (case-insensitive).
    public func entry(named name: String) -> Entry? {
        let wanted = name.lowercased()
        return entries.first { $0.canonical.lowercased() == wanted }
            ?? entries.first { $0.aliases.contains { $0.lowercased() == wanted } }
    }
}
