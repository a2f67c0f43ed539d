/// A hash table from 64-bit keys to 32-bit values with open addressing and linear probing: the
/// automaton looks up two keys per word of every article, and Swift's Dictionary costs several times
/// more per lookup. Keys are already well mixed (FNV hashes, packed state/word pairs); Fibonacci
/// hashing spreads them over a power-of-two table kept at most half full.
struct FlatHashTable: Sendable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private static func normalized(_ key: UInt64) -> UInt64 { key == empty ? empty - 1 : key }

    @inline(__always)
    func value(for rawKey: UInt64) -> Int32? {
        let key = Self.normalized(rawKey)
        return keys.withUnsafeBufferPointer { keyBuffer -> Int32? in
            let mask = keyBuffer.count - 1
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let stored = keyBuffer[slot]
                if stored == key { return values[slot] }
                if stored == Self.empty { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func set(_ rawKey: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.normalized(rawKey)
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[slot] != Self.empty && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == Self.empty { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    func forEach(_ body: (UInt64, Int32) -> Void) {
        for slot in keys.indices where keys[slot] != Self.empty { body(keys[slot], values[slot]) }
    }

    private mutating func grow() {
        var bigger = FlatHashTable(minimumCapacity: keys.count)
        forEach { bigger.set($0, $1) }
        self = bigger
    }
}
