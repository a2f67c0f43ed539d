/// A word's lemma for matching: English plurals fold to their singular (operations → operation,
/// agencies → agency, taxes → tax), so a term matches its inflections. Applied to terms and to text
/// alike. Words under four letters, and words ending in -ss, -us, -is, -ws, are left as they are
/// (US, status, analysis, news).
///
/// The lemma is hashed eight bytes at a time, straight from the text where the word is plain ASCII:
/// its folded form is then its bytes with bit 0x20 set (letters lower-cased; digits, `.`, `&` and `'`
/// already have it), so no folded copy is made.
enum LemmaHash {
    /// The hash of the lemma of a folded word of `count` bytes at `word`. With `lowercasing`, the
    /// bytes are ASCII word bytes and are folded by setting bit 0x20. `readable` is how many bytes
    /// from `word` may be read (at least `count`): a whole eight-byte load is used where it fits.
    /// `count` may be 0 (a word of stray combining marks folds to nothing).
    @_transparent
    static func of(_ word: UnsafePointer<UInt8>, count: Int, readable: Int, lowercasing: Bool) -> UInt64 {
        let fold: UInt8 = lowercasing ? 0x20 : 0
        @inline(__always) func back(_ offset: Int) -> UInt8 { word[count &- offset] | fold }
        var length = count
        var endsInY = false
        // Every rule ends in s: most words stop at the first test.
        if count > 0, back(1) == 0x73 {
            if count >= 5, back(3) == 0x69, back(2) == 0x65 {  // -ies → -y
                length = count &- 3
                endsInY = true
            } else if count >= 5, back(2) == 0x65,
                      back(3) == 0x78 || (back(4) == 0x73 && back(3) == 0x73) || ((back(4) == 0x63 || back(4) == 0x73) && back(3) == 0x68) {
                length = count &- 2  // -xes -sses -ches -shes
            } else if count >= 4 {
                let previous = back(2)
                if previous != 0x73, previous != 0x75, previous != 0x69, previous != 0x77, previous != 0x27 { length = count &- 1 }
            }
        }
        let foldMask: UInt64 = lowercasing ? 0x2020_2020_2020_2020 : 0
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length &+ (endsInY ? 1 : 0))
        var offset = 0
        while offset &+ 8 <= length {
            hash = mix(hash, UnsafeRawPointer(word + offset).loadUnaligned(as: UInt64.self) | foldMask)
            offset &+= 8
        }
        let remaining = length &- offset
        var tail: UInt64 = 0
        if remaining > 0 {
            if offset &+ 8 <= readable {
                let kept = UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* remaining)
                tail = (UnsafeRawPointer(word + offset).loadUnaligned(as: UInt64.self) | foldMask) & kept
            } else {
                for index in 0..<remaining { tail |= UInt64(word[offset &+ index] | fold) &<< UInt64(truncatingIfNeeded: 8 &* index) }
            }
        }
        // remaining < 8 here, so the y fits in the last chunk.
        if endsInY { tail |= 0x79 &<< UInt64(truncatingIfNeeded: 8 &* remaining) }
        return mix(hash, tail)
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        let mixed = (hash ^ chunk) &* 0xFF51_AFD7_ED55_8CCD
        return mixed ^ (mixed >> 32)
    }
}
