import Foundation

/// Named things feedwatch knows without reading about them: countries with their names, aliases and
/// demonyms, capitals and large cities, office-holders, and well-known organisations.
/// The built-in one is derived by `scripts/derive-gazetteer.py` into `GazetteerData.swift`.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public var canonical: String
        public var type: EntityType
        public var aliases: [String]
        public var demonyms: [String]
        /// The country a city or office-holder belongs to.
        public var country: String?
        /// What the entry is: country, capital, city, leader (nil for organisations and the like).
        public var kind: String?

        public init(canonical: String, type: EntityType, aliases: [String] = [], demonyms: [String] = [], country: String? = nil,
                    kind: String? = nil) {
            self.canonical = canonical
            self.type = type
            self.aliases = aliases
            self.demonyms = demonyms
            self.country = country
            self.kind = kind
        }
    }

    public let entries: [Entry]
    /// Each entry's kind by its canonical name.
    private let kinds: [String: String]
    /// Every demonym, folded to lower case.
    private let demonyms: Set<String>
    /// The names and aliases written in capitals ("UK", "DPRK"), as written.
    private let acronyms: Set<String>
    /// The first entry by each canonical name and by each alias, in lower case: a watch-list of
    /// thousands of entity topics looks each up once, not through every entry.
    private let byCanonicalName: [String: Int]
    private let byAlias: [String: Int]
    /// The same for the names written with diacritics, by their form without them: a watch-list's
    /// `entity: Sao Paulo` or `Kandahar` finds "São Paulo" and "Kandahār".
    private let byNameWithoutDiacritics: [String: Int]

    /// Whether this is `.builtIn`, whose compiled form every engine shares.
    let isBuiltIn: Bool

    public init(entries: [Entry]) { self.init(entries: entries, isBuiltIn: false) }

    private init(entries: [Entry], isBuiltIn: Bool) {
        self.entries = entries
        self.isBuiltIn = isBuiltIn
        kinds = entries.reduce(into: [:]) { kinds, entry in
            if let kind = entry.kind, kinds[entry.canonical] == nil { kinds[entry.canonical] = kind }
        }
        demonyms = Set(entries.flatMap { $0.demonyms.map { $0.lowercased() } })
        acronyms = Set(entries.flatMap { [$0.canonical] + $0.aliases }.filter { name in
            name.count >= 2 && name.unicodeScalars.allSatisfy { !$0.properties.isLowercase }
        })
        var byCanonicalName: [String: Int] = [:], byAlias: [String: Int] = [:], byNameWithoutDiacritics: [String: Int] = [:]
        // Backwards, so that the first entry of a name is the one kept.
        for (index, entry) in entries.enumerated().reversed() {
            byCanonicalName[entry.canonical.lowercased()] = index
            for alias in entry.aliases { byAlias[alias.lowercased()] = index }
            for name in [entry.canonical] + entry.aliases where !name.utf8.allSatisfy({ $0 < 0x80 }) {
                byNameWithoutDiacritics[Self.withoutDiacritics(name)] = index
            }
        }
        self.byCanonicalName = byCanonicalName
        self.byAlias = byAlias
        self.byNameWithoutDiacritics = byNameWithoutDiacritics
    }

    /// Whether `word` (in lower case) is a demonym of some entry ("korean", "american").
    func isDemonym(_ word: String) -> Bool { demonyms.contains(word) }

    /// Whether some entry is named `name` in capitals, as written ("UK"; not "GAO", which only
    /// folds to the town Gao).
    func isAcronym(_ name: String) -> Bool { acronyms.contains(name) }

    /// What the entry with this canonical name is (country, capital, city, leader), if it says.
    func kind(of canonical: String) -> String? { kinds[canonical] }

    /// The gazetteer shipped with feedwatch, compiled into the binary (`GazetteerData.swift`) rather than
    /// shipped as a resource bundle: an installed binary then runs from any folder, with nothing beside it.
    public static let builtIn: Gazetteer = {
        // The text is part of the build, not outside input, and a test reads it: a failure here is a
        // build defect, which must not pass as a gazetteer that silently knows nothing.
        do {
            return Gazetteer(entries: try entries(table: builtInGazetteerTable), isBuiltIn: true)
        } catch {
            preconditionFailure("the compiled-in gazetteer does not read: \(error)")
        }
    }()

    struct TableError: Error, CustomStringConvertible {
        let line: Int
        let problem: String
        var description: String { "line \(line): \(problem)" }
    }

    /// Entries from the built-in table's form (see `scripts/derive-gazetteer.py`): a line each, with
    /// canonical name, type, kind, country, aliases and demonyms parted by tabs, several aliases or
    /// demonyms by "|"; an empty kind or country is none.
    static func entries(table: String) throws(TableError) -> [Entry] {
        var table = table
        // Split by bytes: the marks are ASCII, and splitting the 3 MB table by Characters was most
        // of every start-up's time.
        let parsed = table.withUTF8 { bytes -> Result<[Entry], TableError> in
            typealias Field = Slice<UnsafeBufferPointer<UInt8>>
            func text(_ field: Field) -> String { String(decoding: field, as: UTF8.self) }
            func list(_ field: Field) -> [String] { field.split(separator: UInt8(ascii: "|")).map(text) }
            var entries: [Entry] = []
            for (index, line) in bytes.split(separator: UInt8(ascii: "\n")).enumerated() {
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                guard fields.count == 6, !fields[0].isEmpty else { return .failure(TableError(line: index + 1, problem: "not six fields with a name")) }
                guard let type = EntityType(rawValue: text(fields[1])) else {
                    return .failure(TableError(line: index + 1, problem: "unknown type '\(text(fields[1]))'"))
                }
                entries.append(Entry(canonical: text(fields[0]), type: type, aliases: list(fields[4]), demonyms: list(fields[5]),
                                     country: fields[3].isEmpty ? nil : text(fields[3]), kind: fields[2].isEmpty ? nil : text(fields[2])))
            }
            return .success(entries)
        }
        return try parsed.get()
    }

    /// The entry with this canonical name or alias (case-insensitive); failing that, the one whose
    /// name it is with the diacritics left off ("Sao Paulo", "Kandahar").
    public func entry(named name: String) -> Entry? {
        let wanted = name.lowercased()
        return (byCanonicalName[wanted] ?? byAlias[wanted] ?? byNameWithoutDiacritics[Self.withoutDiacritics(name)]).map { entries[$0] }
    }

    /// A name folded as matching folds it (lower case, no diacritics).
    private static func withoutDiacritics(_ name: String) -> String {
        let folding = ScalarFolding.withDiacriticFolding
        return String(decoding: name.unicodeScalars.flatMap { folding.fold($0).bytes }, as: UTF8.self)
    }
}

extension Gazetteer {
    /// Seats of government, by the country they stand for. Few and stable, so kept here rather than
    /// derived: a building's name is a country's name in the news only where this says so.
    static let seatsOfGovernment: [String: [String]] = [
        "Russia": ["Kremlin"], "United States": ["White House"], "United Kingdom": ["Downing Street", "Number 10"],
        "France": ["Élysée", "Elysée", "Élysée Palace"], "China": ["Zhongnanhai"], "Germany": ["Bundeskanzleramt"],
        "Japan": ["Kantei"], "India": ["Rashtrapati Bhavan"], "Ukraine": ["Bankova"], "Israel": ["Knesset"],
        "Vatican City": ["Holy See"],
    ]

    /// The names that stand for `entry` (a country) under each of `standIns`, each with its gazetteer
    /// entry when it has one (for that entry's own false friends).
    func standIns(for entry: Entry, _ standIns: Set<EntityStandIn>) -> [(name: String, entry: Entry?)] {
        var names: [(String, Entry?)] = []
        for candidate in entries where candidate.country == entry.canonical {
            let wanted = (candidate.kind == "capital" && standIns.contains(.capital))
                || (candidate.kind == "leader" && standIns.contains(.leaders))
            guard wanted else { continue }
            for name in [candidate.canonical] + candidate.aliases { names.append((name, candidate)) }
        }
        if standIns.contains(.seat) {
            for seat in Self.seatsOfGovernment[entry.canonical] ?? [] { names.append((seat, self.entry(named: seat))) }
        }
        return names
    }
}
