import Foundation
import Synchronization

/// How one Unicode scalar is folded for matching: NFKC, then lower case, then (optionally) without
/// diacritics; and whether it is part of a word. The blocks news is written in (Latin, Greek,
/// Cyrillic, Hebrew, Arabic, Indic scripts, punctuation) are folded once per process into a table;
/// CJK ideographs and Hangul syllables fold to themselves; any other scalar is folded when first met
/// and kept in a shared cache, so no text pays for Unicode normalisation more than once per scalar.
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
    private let cache: Cache
    /// Up to the end of General Punctuation and the symbol blocks after it (curly quotes, dashes).
    static let tableLimit: UInt32 = 0x2C00

    /// The two possible tables, built once per process.
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
        cache = Cache()
    }

    func fold(_ scalar: Unicode.Scalar) -> Fold { fold(scalar.value) }

    @inline(__always)
    func fold(_ value: UInt32) -> Fold {
        if value < Self.tableLimit { return table[Int(value)] }
        return foldBeyondTable(value)
    }

    private func foldBeyondTable(_ value: UInt32) -> Fold {
        // Unified ideographs and Hangul syllables have no case, no compatibility form and no
        // diacritic to strip: each is a letter that stands for itself.
        if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0xAC00...0xD7A3).contains(value),
           let scalar = Unicode.Scalar(value) {
            return Fold(bytes: Array(String(scalar).utf8), isWordCharacter: true, isUppercase: false, isLetter: true, isCombiningMark: false)
        }
        if let known = cache.folds.withLock({ $0[value] }) { return known }
        let computed = Self.compute(Unicode.Scalar(value) ?? " ", foldDiacritics: foldDiacritics)
        cache.folds.withLock { folds in
            // Bounded: a hostile text of every scalar there is must not grow it without end.
            if folds.count < 65_536 { folds[value] = computed }
        }
        return computed
    }

    /// Folds met beyond the table, shared by every tokenizer of the process.
    private final class Cache: Sendable {
        let folds = Mutex<[UInt32: Fold]>([:])
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
