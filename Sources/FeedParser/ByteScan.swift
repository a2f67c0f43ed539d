#if canImport(Glibc)
import Glibc
#endif

/// Word-at-a-time byte scans (SWAR): the repair pass and UTF-8 check look at every byte of a
/// document, and most bytes need nothing, so eight are tested at once.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether `needle` occurs in `bytes`: memchr finds each candidate first byte, then the rest is compared.
    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack -> Bool in
            guard let base = haystack.baseAddress else { return false }
            var offset = 0
            let last = haystack.count - pattern.count
            while offset <= last {
                guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if UnsafeBufferPointer(rebasing: haystack[index..<index + pattern.count]).elementsEqual(pattern) { return true }
                offset = index + 1
            }
            return false
        }
    }

    /// The index of the first `byte` at or after `start` (memchr), or nil.
    static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `limit` occurrences of `byte` fall within `window` bytes of each other somewhere. memchr
    /// jumps from one to the next, so a document where the byte is sparse costs next to nothing.
    static func hasDenseRun(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, window: Int, limit: Int) -> Bool {
        var recent = [Int](repeating: Int.min / 2, count: limit)  // the last `limit` positions, as a ring
        var slot = 0
        var index = 0
        while let found = self.index(of: byte, in: bytes, from: index) {
            if found - recent[slot] < window { return true }
            recent[slot] = found
            slot = (slot + 1) % limit
            index = found + 1
        }
        return false
    }

    /// The 1-based line of byte `offset`, for messages (counted only when one is reported).
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// How many leading bytes are ASCII.
    static func asciiPrefixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index + 8 <= bytes.count, word(bytes, index) & highs == 0 { index += 8 }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// The index of the next byte that the repair pass must look at — `&`, `<`, or a byte below
    /// 0x20 (control characters and line ends) — or `bytes.count`.
    static func nextSpecial(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count {
            let value = word(bytes, index)
            if hasByte(value, equalTo: 0x26) == 0, hasByte(value, equalTo: 0x3C) == 0, hasByte(value, below: 0x20) == 0 {
                index += 8
            } else {
                break
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x26 || byte == 0x3C || byte < 0x20 { return index }
            index += 1
        }
        return index
    }

    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + index).loadUnaligned(as: UInt64.self)
    }

    /// Non-zero when some byte of `value` equals `byte` (the classic "has zero byte" test on value ^ pattern).
    private static func hasByte(_ value: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = value ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Non-zero when some byte of `value` is below `limit` (valid for limit <= 128).
    private static func hasByte(_ value: UInt64, below limit: UInt8) -> UInt64 {
        (value &- ones &* UInt64(limit)) & ~value & highs
    }
}
