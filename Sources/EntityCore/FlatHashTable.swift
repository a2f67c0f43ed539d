/// A hash table from 64-bit keys to 32-bit values with open addressing and linear probing: the
/// automaton looks up a key or two per word of every article, and Swift's Dictionary costs several
/// times more per lookup. Keys are already well mixed (FNV hashes, packed state/word pairs);
/// Fibonacci hashing spreads them over a power-of-two table kept at most half full.
///
/// A key, its value and a second value (`extra`) sit together in one 16-byte entry, so a lookup in
/// a table bigger than the cache costs one cache line, not one for the key and one for the value.
struct FlatHashTable: Sendable {
    fileprivate struct Entry {
        var key: UInt64
        var value: Int32
        var extra: Int32
    }

    private static let empty = UInt64.max
    private var entries: [Entry]
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        entries = [Entry](repeating: Entry(key: Self.empty, value: 0, extra: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    @inline(__always)
    private static func normalized(_ key: UInt64) -> UInt64 { key == empty ? empty - 1 : key }

    /// The table's entries as a pointer, valid inside `withReader`: a walk over a text looks keys up
    /// without retaining and releasing the table for each text.
    struct Reader {
        fileprivate let entries: UnsafeBufferPointer<Entry>
        fileprivate let shift: UInt64

        /// The slot holding `key`, or nil.
        @inline(__always)
        fileprivate func slot(of rawKey: UInt64) -> Int? {
            let key = FlatHashTable.normalized(rawKey)
            let mask = entries.count - 1
            // Masking shifts and wrapping steps: the shift is below 64 and a slot never overflows, and
            // Swift's checked forms cost a compare and a branch each on every lookup.
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
            while true {
                let stored = entries[slot].key
                if stored == key { return slot }
                if stored == FlatHashTable.empty { return nil }
                slot = (slot &+ 1) & mask
            }
        }

        @inline(__always)
        func value(for key: UInt64) -> Int32? { slot(of: key).map { entries[$0].value } }

        /// The value and the extra value stored with `key`.
        @inline(__always)
        func values(for key: UInt64) -> (value: Int32, extra: Int32)? { slot(of: key).map { (entries[$0].value, entries[$0].extra) } }
    }

    @inline(__always)
    func withReader<Result>(_ body: (Reader) -> Result) -> Result {
        entries.withUnsafeBufferPointer { body(Reader(entries: $0, shift: shift)) }
    }

    @inline(__always)
    func value(for key: UInt64) -> Int32? { withReader { $0.value(for: key) } }

    /// The value and the extra value stored with `key`.
    @inline(__always)
    func values(for key: UInt64) -> (value: Int32, extra: Int32)? { withReader { $0.values(for: key) } }

    mutating func set(_ rawKey: UInt64, _ value: Int32, extra: Int32 = 0) {
        if (count + 1) * 2 > entries.count { grow() }
        let key = Self.normalized(rawKey)
        let mask = entries.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while entries[slot].key != Self.empty && entries[slot].key != key { slot = (slot + 1) & mask }
        if entries[slot].key == Self.empty { count += 1 }
        entries[slot] = Entry(key: key, value: value, extra: extra)
    }

    /// Sets the extra value of a key already in the table.
    mutating func setExtra(_ key: UInt64, _ extra: Int32) {
        guard let slot = withReader({ $0.slot(of: key) }) else { preconditionFailure("setExtra on a key not in the table") }
        entries[slot].extra = extra
    }

    func forEach(_ body: (UInt64, Int32) -> Void) {
        for entry in entries where entry.key != Self.empty { body(entry.key, entry.value) }
    }

    private mutating func grow() {
        var bigger = FlatHashTable(minimumCapacity: entries.count)
        for entry in entries where entry.key != Self.empty { bigger.set(entry.key, entry.value, extra: entry.extra) }
        self = bigger
    }
}
