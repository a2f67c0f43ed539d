import Foundation

/// Brown clusters and log probabilities of a million English word forms (spacy-lookups-data, MIT;
/// `scripts/make-word-clusters.py` writes the table and describes its form). The tagger reads a
/// word's cluster as features, and compares how often the word is written as in the text with how
/// often it is written in lower case.
struct WordClusters: Sendable {
    /// The cluster paths, each with a leading 1 bit before its bits.
    private let paths: [UInt32]
    /// Top 32 bits of a form's `FeatureHasher.hash` → path index + 1 (0: none), with the log
    /// probability times -2 as the extra value.
    private let forms: FlatHashTable

    struct Entry {
        /// The cluster path with its leading 1 bit, or 0.
        var path: UInt32
        /// The form's log probability, in halves (-2 × logp); 40 for forms the table does not hold.
        var rarity: UInt8
    }

    static let unknown = Entry(path: 0, rarity: 40)

    /// The entry of the form whose `FeatureHasher.hash` is `hash`.
    @inline(__always)
    func entry(hash: UInt64) -> Entry {
        guard let (index, rarity) = forms.values(for: hash >> 32) else { return Self.unknown }
        return Entry(path: index > 0 ? paths[Int(index) - 1] : 0, rarity: UInt8(truncatingIfNeeded: rarity))
    }

    /// The entry of a word form, spelt as given.
    func entry(word: String) -> Entry { entry(hash: FeatureHasher.hash(Array(word.utf8)[...])) }

    /// The first `bits` bits of a path (with its leading 1), or the whole path when shorter; 0 for none.
    static func prefix(_ path: UInt32, bits: Int) -> UInt64 {
        guard path != 0 else { return 0 }
        let length = 31 - path.leadingZeroBitCount
        return UInt64(length <= bits ? path : path >> UInt32(length - bits))
    }

    enum FormatError: Error { case malformed(String) }

    init(data: Data) throws(FormatError) {
        var reader = ByteReader(bytes: [UInt8](data))
        guard reader.take(4) == Array("FWWC".utf8), reader.uint32() == 2, let pathCount = reader.uint32().map(Int.init) else {
            throw .malformed("no FWWC version 2 header")
        }
        var paths: [UInt32] = []
        paths.reserveCapacity(pathCount)
        for _ in 0..<pathCount {
            guard let path = reader.uint32() else { throw .malformed("truncated paths") }
            paths.append(path)
        }
        guard let count = reader.uint32().map(Int.init), let rice = reader.uint8().map(Int.init),
              let indexBits = reader.uint8().map(Int.init), let rarityBits = reader.uint8().map(Int.init),
              rice <= 32, indexBits <= 32, rarityBits <= 32 else { throw .malformed("truncated or bad widths") }
        var bits = BitReader(bytes: reader.bytes, from: reader.offset)
        var forms = FlatHashTable(minimumCapacity: count)
        var key: UInt64 = 0
        for _ in 0..<count {
            // The distance from the key before, Rice-coded; then the path index and the rarity.
            guard let quotient = bits.ones(), let remainder = bits.read(rice), let index = bits.read(indexBits),
                  let rarity = bits.read(rarityBits), Int(index) <= pathCount else { throw .malformed("truncated or bad entry") }
            key += UInt64(quotient) << UInt64(rice) | UInt64(remainder)
            guard key <= UInt64(UInt32.max) else { throw .malformed("a key past 32 bits") }
            forms.set(key, Int32(index), extra: Int32(rarity))
        }
        guard bits.isAtEnd else { throw .malformed("bytes after the last entry") }
        self.paths = paths
        self.forms = forms
    }

    /// The table built into this binary (`WordClusterData.swift`).
    static let builtIn = builtInTable(builtInWordClustersBase64, "word clusters", regenerate: "scripts/make-word-clusters.py") {
        try WordClusters(data: $0)
    }
}
