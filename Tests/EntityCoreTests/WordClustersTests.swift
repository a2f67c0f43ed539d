@testable import EntityCore
import Foundation
import Testing

/// The word clusters are stored Rice-coded (`scripts/make-word-clusters.py`); what they hold is
/// spacy-lookups-data's. The expected entries were read from the package's tables by the script's rules.
@Suite struct WordClustersTests {
    private func entry(_ word: String) -> WordClusters.Entry {
        WordClusters.builtIn.entry(hash: FeatureHasher.hash(ArraySlice(word.utf8)))
    }

    @Test func theBuiltInTableHoldsTheSourcesEntries() {
        let expected: [(String, UInt32, UInt8)] = [
            ("the", 11, 7), ("Yeltsin", 22, 31), ("Leeds", 470, 28), ("police", 1773, 18), ("Police", 1022, 23),
        ]
        for (word, path, rarity) in expected {
            let found = entry(word)
            #expect(found.path == path && found.rarity == rarity, "\(word)")
        }
        #expect(entry("zzqxv").path == 0 && entry("zzqxv").rarity == WordClusters.unknown.rarity)
    }

    @Test func aCutTableIsRefused() throws {
        let base64 = try #require(Data(base64Encoded: builtInWordClustersBase64))
        #expect(throws: WordClusters.FormatError.self) { try WordClusters(data: base64.prefix(base64.count / 2)) }
        #expect(throws: WordClusters.FormatError.self) { try WordClusters(data: base64 + Data([0, 0])) }
        #expect(throws: WordClusters.FormatError.self) { try WordClusters(data: Data("FWWC".utf8)) }
    }
}
