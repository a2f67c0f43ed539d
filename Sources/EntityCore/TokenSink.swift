/// An append-only byte buffer without Array's per-append uniqueness check; the tokenizer writes every
/// folded byte of an article through it.
struct ByteBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Whether `storage` is the buffer's own, or space lent by its caller (`init(lent:)`).
    private var owned: Bool
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
        owned = true
    }

    /// A buffer that starts in `space`, which the caller keeps while the buffer lives (stack space,
    /// say), and moves to memory of its own only if it outgrows it: a field's scan then allocates
    /// nothing. (Swift allocates through posix_memalign; with a buffer per field, glibc's splitting and
    /// gathering of free blocks were about a tenth of a short article's matching.)
    init(lent space: UnsafeMutableBufferPointer<UInt8>) {
        if let base = space.baseAddress, space.count >= 16 {
            storage = base
            capacity = space.count
            owned = false
        } else {
            capacity = 16
            storage = .allocate(capacity: 16)
            owned = true
        }
    }

    deinit { if owned { storage.deallocate() } }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow() }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// The bytes from `start` to the end, valid until the next change.
    @inline(__always)
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + start, count: count - start)
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: storage, count: count)
        if owned { storage.deallocate() }
        storage = bigger
        owned = true
        capacity *= 2
    }

    func array() -> [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}

/// Whether the tokenizer writes folded words, and keeps them all or only the current one.
protocol FoldedWords {
    static var writes: Bool { get }
    static var keepsAll: Bool { get }
}

/// Only hashes: the matcher without prefix terms.
enum FoldedNone: FoldedWords {
    static var writes: Bool { false }
    static var keepsAll: Bool { false }
}

/// Each word's folded bytes while it is handed over, then gone: the matcher with prefix terms.
enum FoldedEach: FoldedWords {
    static var writes: Bool { true }
    static var keepsAll: Bool { false }
}

/// Every folded word, kept: the entity rules read them.
enum FoldedKept: FoldedWords {
    static var writes: Bool { true }
    static var keepsAll: Bool { true }
}

/// Takes a text's tokens from `Tokenizer.scan` as they end.
protocol TokenSink {
    associatedtype Folded: FoldedWords
    /// Whether tokens carry their context: sentence starts, punctuation before them, and whether
    /// they hold letters, digits, capitals only. Without, only `capitalized` and `possessive`.
    static var wantsContext: Bool { get }
    /// `folded` holds the token's folded word at `token.foldedStart..<token.foldedEnd` (nothing
    /// unless `Folded.writes`).
    mutating func take(_ token: Token, folded: borrowing ByteBuffer)
}

/// Collects tokens into an array (and, with `FoldedKept`, their folded words).
struct TokenCollector<Folded: FoldedWords>: TokenSink {
    static var wantsContext: Bool { true }
    var tokens: [Token] = []

    init(capacity: Int) { tokens.reserveCapacity(capacity) }

    mutating func take(_ token: Token, folded: borrowing ByteBuffer) { tokens.append(token) }
}
