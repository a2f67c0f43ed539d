/// Greedy left-to-right decoding: each token takes the best-scoring tag that may follow the one
/// before it, given its own features and the features of the tags already chosen (the last two
/// tags, and the type this text last gave the same word). One pass, linear in the text.
struct SequenceTagger {
    /// The features that depend on earlier decisions, for token `index`.
    struct History {
        private var memory: [UInt64: UInt8] = [:]
        var previous: UInt8 = EntityTags.outside
        var beforePrevious: UInt8 = EntityTags.outside

        static let count = 5

        /// Writes the features into `buffer` (of `count`), which is reused from token to token.
        func features(_ input: TokenFeatures, _ index: Int, into buffer: inout [UInt64]) {
            let word = input.wordHashes[index]
            let remembered = UInt64(memory[word] ?? 0xFF)
            buffer[0] = FeatureHasher.hash(40, UInt64(previous))
            buffer[1] = FeatureHasher.hash(41, UInt64(previous), UInt64(beforePrevious))
            buffer[2] = FeatureHasher.hash(42, UInt64(previous), word)
            buffer[3] = FeatureHasher.hash(43, remembered)
            buffer[4] = FeatureHasher.hash(44, remembered, UInt64(previous))
        }

        mutating func record(_ tag: UInt8, _ input: TokenFeatures, _ index: Int) {
            if let type = EntityTags.type(of: tag) { memory[input.wordHashes[index]] = UInt8(EntityTags.typeIndex(type)) }
            beforePrevious = previous
            previous = tag
        }
    }

    /// The best allowed tag for the scores; a name is closed where it must be, and a token takes
    /// only the name positions its writing allows.
    static func best(_ scores: [Float], after previous: UInt8, mustClose: Bool, positions: NamePositions) -> UInt8 {
        var best = EntityTags.outside
        var bestScore = -Float.infinity
        for tag in 0..<UInt8(EntityTags.count) where EntityTags.allowed(tag, after: previous) && positions.allows(tag) {
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
        var dynamic = [UInt64](repeating: 0, count: History.count)
        var row = [UInt64](repeating: 0, count: TokenFeatures.perToken)
        for index in 0..<count {
            for tag in scores.indices { scores[tag] = 0 }
            input.fill(index, into: &row)
            model.addScores(row, to: &scores)
            history.features(input, index, into: &dynamic)
            model.addScores(dynamic, to: &scores)
            let tag = best(scores, after: history.previous, mustClose: input.closesName[index], positions: input.positions[index])
            tags[index] = tag
            history.record(tag, input, index)
        }
        return tags
    }
}
