/// FNV-1a over a feature's template number and its parts: features are never built as strings,
/// so a token's few dozen features cost a few dozen multiplications each, not allocations.
struct FeatureHasher {
    private(set) var value: UInt64

    init(template: UInt8) {
        value = 0xcbf2_9ce4_8422_2325
        add(template)
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    mutating func add(_ word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    mutating func add(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes { add(byte) }
    }

    static func hash(_ template: UInt8, _ part: UInt64) -> UInt64 {
        var hasher = FeatureHasher(template: template)
        hasher.add(part)
        return hasher.value
    }

    static func hash(_ template: UInt8, _ first: UInt64, _ second: UInt64) -> UInt64 {
        var hasher = FeatureHasher(template: template)
        hasher.add(first)
        hasher.add(second)
        return hasher.value
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hasher = FeatureHasher(template: 0)
        hasher.add(bytes)
        return hasher.value
    }
}
