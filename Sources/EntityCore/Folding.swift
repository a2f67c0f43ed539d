import Foundation

/// How one Unicode scalar is folded for matching: NFKC, then lower case, then (optionally) without
/// diacritics; and whether it is part of a word. ASCII is decided by a table; the rest of the
/// Latin, Greek and Cyrillic blocks are folded once and kept; other scalars are folded when met.
struct ScalarFolding: Sendable {
    struct Fold: Sendable {
        var bytes: [UInt8]
        var isWordCharacter: Bool
        var isUppercase: Bool
        var isLetter: Bool
        var isCombiningMark: Bool
    }

    let foldDiacritics: Bool
    private let table: [Fold]
    static let tableLimit: UInt32 = 0x0530

    /// The two possible tables, built once per process (each takes about as long as compiling the gazetteer).
    static let withDiacriticFolding = ScalarFolding(building: true)
    static let withoutDiacriticFolding = ScalarFolding(building: false)

    static func shared(foldDiacritics: Bool) -> ScalarFolding {
        foldDiacritics ? withDiacriticFolding : withoutDiacriticFolding
    }

    private init(building foldDiacritics: Bool) {
        self.foldDiacritics = foldDiacritics
        table = (0..<Self.tableLimit).map { value in
            Self.compute(Unicode.Scalar(value) ?? " ", foldDiacritics: foldDiacritics)
        }
    }

    func fold(_ scalar: Unicode.Scalar) -> Fold {
        scalar.value < Self.tableLimit ? table[Int(scalar.value)] : Self.compute(scalar, foldDiacritics: foldDiacritics)
    }

    private static func compute(_ scalar: Unicode.Scalar, foldDiacritics: Bool) -> Fold {
        let properties = scalar.properties
        let isMark = properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
        let isLetter = properties.isAlphabetic
        let isWord = isLetter || properties.numericType != nil || isMark
        guard isWord else { return Fold(bytes: [], isWordCharacter: false, isUppercase: false, isLetter: false, isCombiningMark: false) }
        var text = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
        if foldDiacritics {
            var stripped = ""
            stripped.unicodeScalars.append(contentsOf: text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            })
            text = stripped.precomposedStringWithCanonicalMapping
        }
        return Fold(bytes: Array(text.utf8), isWordCharacter: true, isUppercase: properties.isUppercase,
                    isLetter: isLetter, isCombiningMark: isMark)
    }
}
