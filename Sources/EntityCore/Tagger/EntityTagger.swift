import Foundation

/// The statistical half of the entity core: an averaged perceptron over BILOU tags, trained on
/// hand-annotated text (`make train-ner`; see the README for the corpora and their attribution).
/// Its features include what the gazetteer and the cue rules found, so it learns when to trust them.
public struct EntityTagger: Sendable {
    let model: PerceptronModel

    init(model: PerceptronModel) { self.model = model }

    /// A model in the file form `serialized()` writes.
    public init(modelData: Data) throws {
        model = try PerceptronModel(data: modelData)
    }

    /// The model's file form; `smallest` drops weights below that fraction of the largest.
    public func serialized(smallest: Float = 0) -> Data { model.serialized(smallest: smallest) }

    /// The model built into this binary (`Sources/EntityCore/Tagger/TaggerModelData.swift`).
    public static let builtIn = builtInTable(builtInTaggerModelBase64, "tagger model", regenerate: "make train-ner") {
        try EntityTagger(modelData: $0)
    }

    /// How many features have weights.
    public var featureCount: Int { model.rows.count }
}
