/// Greedy left-to-right decoding: each token takes the best-scoring tag that may follow the one
/// before it, given its own features and the features of the tags already chosen (the last two
/// tags, and the type this text last gave the same word). One pass, linear in the text.
struct SequenceTagger {
    /// The features that depend on earlier decisions, for token `index`.
    struct History {
        private var memory: [UInt64: UInt8] = [:]
        var previous: UInt8 = EntityTags.outside
        var beforePrevious: UInt8 = EntityTags.outside

        func features(_ input: TokenFeatures, _ index: Int) -> [UInt64] {
            let word = input.wordHashes[index]
            return [
                FeatureHasher.hash(40, UInt64(previous)),
                FeatureHasher.hash(41, UInt64(previous), UInt64(beforePrevious)),
                FeatureHasher.hash(42, UInt64(previous), word),
                FeatureHasher.hash(43, UInt64(memory[word] ?? 0xFF)),
                FeatureHasher.hash(44, UInt64(memory[word] ?? 0xFF), UInt64(previous)),
            ]
        }

        mutating func record(_ tag: UInt8, _ input: TokenFeatures, _ index: Int) {
            if let type = EntityTags.type(of: tag) { memory[input.wordHashes[index]] = UInt8(EntityTags.typeIndex(type)) }
            beforePrevious = previous
            previous = tag
        }
    }

    /// The best allowed tag for the scores; a name is closed where it must be.
    static func best(_ scores: [Float], after previous: UInt8, mustClose: Bool) -> UInt8 {
        var best = EntityTags.outside
        var bestScore = -Float.infinity
        for tag in 0..<UInt8(EntityTags.count) where EntityTags.allowed(tag, after: previous) {
            if mustClose, EntityTags.isOpen(tag) { continue }
            if scores[Int(tag)] > bestScore { best = tag; bestScore = scores[Int(tag)] }
        }
        return best
    }

    static func tag(_ input: TokenFeatures, model: PerceptronModel) -> [UInt8] {
        let count = input.wordHashes.count
        var tags = [UInt8](repeating: EntityTags.outside, count: count)
        var history = History()
        var scores = [Float](repeating: 0, count: EntityTags.count)
        for index in 0..<count {
            for tag in scores.indices { scores[tag] = 0 }
            let base = index * TokenFeatures.perToken
            model.addScores(input.hashes[base..<base + TokenFeatures.perToken], to: &scores)
            model.addScores(history.features(input, index), to: &scores)
            let tag = best(scores, after: history.previous, mustClose: input.closesName[index])
            tags[index] = tag
            history.record(tag, input, index)
        }
        return tags
    }
}
