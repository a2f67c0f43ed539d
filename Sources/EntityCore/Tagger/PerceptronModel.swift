import Foundation

/// The tagger's weights: one row of `EntityTags.count` weights per feature hash.
///
/// The file, little-endian: "FWNR", version 1, the tag count, the scale of the quantised weights
/// (Float32), the feature count, then per feature its hash (UInt64), a mask of the tags it has
/// weights for (UInt32) and those weights (Int16 each, times the scale).
struct PerceptronModel: Sendable {
    var rows: FlatHashTable
    var weights: [Float]

    init(rows: FlatHashTable, weights: [Float]) {
        self.rows = rows
        self.weights = weights
    }

    /// Adds the weights of `features` (zero hashes skipped) to `scores`.
    @inline(__always)
    func addScores<C: Collection<UInt64>>(_ features: C, to scores: inout [Float]) {
        weights.withUnsafeBufferPointer { weights in
            scores.withUnsafeMutableBufferPointer { scores in
                for feature in features where feature != 0 {
                    guard let row = rows.value(for: feature) else { continue }
                    let base = Int(row) * EntityTags.count
                    for tag in 0..<EntityTags.count { scores[tag] += weights[base + tag] }
                }
            }
        }
    }

    /// The mean of several models' weights, feature by feature (a feature a model lacks weighs 0
    /// there). Rows follow the models' order, so the same models give the same file.
    init(meanOf models: [PerceptronModel]) {
        var mean = PerceptronModel(rows: FlatHashTable(minimumCapacity: models.map(\.rows.count).max() ?? 0), weights: [])
        let share = 1 / Float(max(1, models.count))
        for model in models {
            var features: [(hash: UInt64, row: Int32)] = []
            model.rows.forEach { features.append(($0, $1)) }
            features.sort { $0.row < $1.row }
            for (hash, row) in features {
                let target = mean.row(for: hash).row
                for tag in 0..<EntityTags.count {
                    mean.weights[target * EntityTags.count + tag] += model.weights[Int(row) * EntityTags.count + tag] * share
                }
            }
        }
        self = mean
    }

    /// The row of `feature`, added with zero weights if the model has none yet.
    mutating func row(for feature: UInt64) -> (row: Int, isNew: Bool) {
        if let row = rows.value(for: feature) { return (Int(row), false) }
        let row = weights.count / EntityTags.count
        rows.set(feature, Int32(row))
        weights += [Float](repeating: 0, count: EntityTags.count)
        return (row, true)
    }

    enum FormatError: Error, CustomStringConvertible {
        case malformed(String)
        var description: String {
            switch self { case .malformed(let why): "the tagger's model is malformed: \(why)" }
        }
    }

    init(data: Data) throws(FormatError) {
        var reader = ByteReader(bytes: [UInt8](data))
        guard reader.take(4) == Array("FWNR".utf8) else { throw .malformed("no FWNR header") }
        guard reader.uint32() == 1 else { throw .malformed("unknown version") }
        guard reader.uint32() == UInt32(EntityTags.count) else { throw .malformed("tag count differs from this build's") }
        let scale = Float(bitPattern: reader.uint32() ?? 0)
        guard let count = reader.uint32().map(Int.init) else { throw .malformed("truncated") }
        var rows = FlatHashTable(minimumCapacity: count)
        var weights = [Float](repeating: 0, count: count * EntityTags.count)
        for row in 0..<count {
            guard let hash = reader.uint64(), let mask = reader.uint32() else { throw .malformed("truncated at feature \(row)") }
            rows.set(hash, Int32(row))
            for tag in 0..<EntityTags.count where mask & (1 << UInt32(tag)) != 0 {
                guard let quantised = reader.uint16() else { throw .malformed("truncated at feature \(row)") }
                weights[row * EntityTags.count + tag] = Float(Int16(bitPattern: quantised)) * scale
            }
        }
        guard reader.isAtEnd else { throw .malformed("bytes after the last feature") }
        self.init(rows: rows, weights: weights)
    }

    /// The file form of the weights. Weights below `smallest` (a fraction of the largest) are left
    /// out, and so are features with no weight left: most features are rare words that moved a
    /// weight once or twice.
    func serialized(smallest: Float = 0) -> Data {
        let largest = weights.map(abs).max() ?? 0
        let scale = largest > 0 ? largest / Float(Int16.max) : 1
        let cutoff = (smallest * largest / scale).rounded()
        var kept: [(hash: UInt64, row: Int32)] = []
        rows.forEach { hash, row in
            let base = Int(row) * EntityTags.count
            if (0..<EntityTags.count).contains(where: { abs((weights[base + $0] / scale).rounded()) > cutoff }) { kept.append((hash, row)) }
        }
        kept.sort { $0.hash < $1.hash }
        var bytes = Array("FWNR".utf8)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        put(UInt32(1))
        put(UInt32(EntityTags.count))
        put(scale.bitPattern)
        put(UInt32(kept.count))
        for (hash, row) in kept {
            let base = Int(row) * EntityTags.count
            let quantised = (0..<EntityTags.count).map { tag -> Int16 in
                let value = (weights[base + tag] / scale).rounded()
                return abs(value) > cutoff ? Int16(clamping: Int(value)) : 0
            }
            var mask: UInt32 = 0
            for (tag, value) in quantised.enumerated() where value != 0 { mask |= 1 << UInt32(tag) }
            put(hash)
            put(mask)
            for value in quantised where value != 0 { put(UInt16(bitPattern: value)) }
        }
        return Data(bytes)
    }
}
