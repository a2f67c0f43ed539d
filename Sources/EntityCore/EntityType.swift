/// What kind of thing an entity is.
public enum EntityType: String, Sendable, Codable, CaseIterable {
    case person = "PERSON"
    case organization = "ORGANIZATION"
    case location = "LOCATION"
    /// Nationalities and events.
    case misc = "MISC"
}

/// One mention of an entity in a text.
public struct EntityMention: Sendable, Equatable, Hashable {
    /// The text as written.
    public var text: String
    public var type: EntityType
    /// Offsets in Unicode scalars of the input, end exclusive.
    public var start: Int
    public var end: Int
    /// The entity's canonical name ("Kiev" → "Kyiv", "Hegseth" → "Pete Hegseth", "Russian" → "Russia").
    public var canonical: String
}
