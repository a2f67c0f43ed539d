import Foundation

/// Reads the little-endian binary forms of the built-in tables: the tagger's model and the word clusters.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A little-endian integer, read in place: the model has a few hundred thousand of them, and
    /// this runs in debug builds (the tests) too.
    private mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { return nil }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    mutating func uint8() -> UInt8? { integer(UInt8.self) }
    mutating func uint16() -> UInt16? { integer(UInt16.self) }
    mutating func uint32() -> UInt32? { integer(UInt32.self) }
    mutating func uint64() -> UInt64? { integer(UInt64.self) }
}

/// Reads a bit stream whose bytes are filled from their low bit (`scripts/make-word-clusters.py`).
struct BitReader {
    private let bytes: [UInt8]
    private var offset: Int
    private var buffer: UInt64 = 0
    private var buffered = 0

    init(bytes: [UInt8], from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether no whole byte is left: what remains is the last byte's padding.
    var isAtEnd: Bool { offset == bytes.count && buffered < 8 }

    /// The next `width` bits (at most 32), or nil past the end.
    mutating func read(_ width: Int) -> UInt32? {
        while buffered < width {
            guard offset < bytes.count else { return nil }
            buffer |= UInt64(bytes[offset]) << UInt64(buffered)
            offset += 1
            buffered += 8
        }
        let value = UInt32(truncatingIfNeeded: buffer & (1 << UInt64(width) - 1))
        buffer >>= UInt64(width)
        buffered -= width
        return value
    }

    /// How many ones come before the next zero (a Rice code's quotient), or nil past the end.
    mutating func ones() -> Int? {
        var count = 0
        while true {
            guard let bit = read(1) else { return nil }
            if bit == 0 { return count }
            count += 1
        }
    }
}

/// A table compiled into the binary as base64 (the tagger model, the word clusters). It is part of
/// the build, not outside input, and tests load it: a failure is a build defect, reported with the
/// command that makes the table again, never passed over as an empty table.
func builtInTable<Table>(_ base64: String, _ name: String, regenerate command: String, _ load: (Data) throws -> Table) -> Table {
    guard let data = Data(base64Encoded: base64) else {
        preconditionFailure("the built-in \(name) is not base64; regenerate it with \(command)")
    }
    do {
        return try load(data)
    } catch {
        preconditionFailure("the built-in \(name) does not load (\(error)); regenerate it with \(command)")
    }
}
