/// A name in a hand-annotated text, by Unicode-scalar offsets (end exclusive).
public struct AnnotatedName: Sendable {
    public var start: Int
    public var end: Int
    public var type: EntityType

    public init(start: Int, end: Int, type: EntityType) {
        self.start = start
        self.end = end
        self.type = type
    }
}

public struct AnnotatedText: Sendable {
    public var text: String
    public var names: [AnnotatedName]

    public init(text: String, names: [AnnotatedName]) {
        self.text = text
        self.names = names
    }
}

extension EntityEngine {
    /// Trains a tagger on `texts`, this engine's gazetteer and rules supplying their features: the
    /// averaged perceptron, decoding greedily as `SequenceTagger` does, so it learns from the
    /// mistakes it would make.
    ///
    /// With `shuffles` above one, that many perceptrons learn from the texts in different orders
    /// (seeds `seed`, `seed + 1`, …) and the tagger takes their mean weights. One perceptron's
    /// weights depend on the order it met the texts in, so a small change to the training data or
    /// the features moves a few per cent of its names; the mean of several moves far fewer.
    /// Deterministic for given `seed` and `shuffles`.
    public func trainTagger(on texts: [AnnotatedText], epochs: Int, seed: UInt64 = 1, shuffles: Int = 1,
                            progress: (_ shuffle: Int, _ epoch: Int, _ errorRate: Double) -> Void = { _, _, _ in }) -> EntityTagger {
        let examples = texts.map { annotated -> TrainingExample in
            let prepared = PreparedText(annotated.text, tokenizer: tokenizer)
            let features = taggerFeatures(for: prepared)
            return (features, Self.goldTags(prepared.tokenized.tokens, annotated.names))
        }
        let models = (0..<max(1, shuffles)).map { shuffle in
            Self.trainPerceptron(examples, epochs: epochs, seed: seed &+ UInt64(shuffle)) { progress(shuffle + 1, $0, $1) }
        }
        return EntityTagger(model: models.count == 1 ? models[0] : PerceptronModel(meanOf: models))
    }

    private typealias TrainingExample = (features: TokenFeatures, gold: [UInt8])

    private static func trainPerceptron(_ examples: [TrainingExample], epochs: Int, seed: UInt64,
                                        progress: (_ epoch: Int, _ errorRate: Double) -> Void) -> PerceptronModel {
        var weights = TrainingWeights()
        var random = SplitMix64(seed: seed)
        var order = Array(examples.indices)
        var scores = [Float](repeating: 0, count: EntityTags.count)
        var dynamicFeatures = [UInt64](repeating: 0, count: SequenceTagger.History.count)
        var staticFeatures = [UInt64](repeating: 0, count: TokenFeatures.perToken)
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &random)
            var mistakes = 0, tokens = 0
            for exampleIndex in order {
                let (input, gold) = examples[exampleIndex]
                var history = SequenceTagger.History()
                for index in gold.indices {
                    for tag in scores.indices { scores[tag] = 0 }
                    input.fill(index, into: &staticFeatures)
                    history.features(input, index, into: &dynamicFeatures)
                    weights.model.addScores(staticFeatures, to: &scores)
                    weights.model.addScores(dynamicFeatures, to: &scores)
                    let guess = SequenceTagger.best(scores, after: history.previous, mustClose: input.closesName[index],
                                                    positions: input.positions[index])
                    weights.tick()
                    // A tag the token's writing rules out (a tweet's lower-case "obama") cannot be
                    // learned: the tagger never gives it, so it is not held against the guess.
                    if guess != gold[index], input.positions[index].allows(gold[index]) {
                        mistakes += 1
                        weights.update(staticFeatures, gold: gold[index], guess: guess)
                        weights.update(dynamicFeatures, gold: gold[index], guess: guess)
                    }
                    history.record(guess, input, index)
                    tokens += 1
                }
            }
            progress(epoch, Double(mistakes) / Double(max(1, tokens)))
        }
        return weights.averaged()
    }

    /// The BILOU tags of the names over the tokens that lie inside them.
    static func goldTags(_ tokens: [Token], _ names: [AnnotatedName]) -> [UInt8] {
        var spans: [(first: Int, last: Int, type: EntityType)] = []
        var cursor = 0
        for name in names.sorted(by: { $0.start < $1.start }) {
            while cursor < tokens.count, Int(tokens[cursor].start) < name.start { cursor += 1 }
            var last = cursor
            while last < tokens.count, Int(tokens[last].end) <= name.end { last += 1 }
            if last > cursor, spans.last.map({ $0.last < cursor }) ?? true { spans.append((cursor, last - 1, name.type)) }
        }
        return EntityTags.tags(count: tokens.count, spans: spans)
    }
}

/// The perceptron's weights while it learns, with the running sums that average them (each weight
/// weighted by how many steps it held, brought up to date only when it changes).
private struct TrainingWeights {
    var model = PerceptronModel(rows: FlatHashTable(minimumCapacity: 1 << 18), weights: [])
    private var totals: [Double] = []
    private var changedAt: [Int32] = []
    private var now: Int32 = 0

    mutating func tick() { now += 1 }

    mutating func update<C: Collection<UInt64>>(_ features: C, gold: UInt8, guess: UInt8) {
        for feature in features where feature != 0 {
            let base = row(for: feature) * EntityTags.count
            adjust(base + Int(gold), by: 1)
            adjust(base + Int(guess), by: -1)
        }
    }

    private mutating func row(for feature: UInt64) -> Int {
        let (row, isNew) = model.row(for: feature)
        if isNew {
            totals += [Double](repeating: 0, count: EntityTags.count)
            changedAt += [Int32](repeating: now, count: EntityTags.count)
        }
        return row
    }

    private mutating func adjust(_ index: Int, by delta: Float) {
        totals[index] += Double(now - changedAt[index]) * Double(model.weights[index])
        changedAt[index] = now
        model.weights[index] += delta
    }

    func averaged() -> PerceptronModel {
        var averaged = model
        let steps = Double(max(1, now))
        for index in model.weights.indices {
            let total = totals[index] + Double(now - changedAt[index]) * Double(model.weights[index])
            averaged.weights[index] = Float(total / steps)
        }
        return averaged
    }
}

/// A small seeded generator, so training shuffles the same way on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
