/// Sorts 64-bit keys in place: quicksort with a median-of-three pivot, insertion sort for short runs,
/// and heapsort where the recursion runs deep (so no input costs more than n log n). The matcher
/// sorts a packed key per hit for every article; this costs a fraction of the general sort's
/// comparisons through closures.
enum KeySort {
    /// Sorts `keys`: quicksort, as above.
    static func sort(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count > 1 else { return }
        quicksort(keys, 0, keys.count, 2 * (Int.bitWidth - keys.count.leadingZeroBitCount))
    }

    /// Sorts keys whose high 32 bits are below `bound`, given in the order of their low 32 bits (as
    /// the matcher's hit indices are): a radix sort on the high half, a byte or less per pass, which
    /// keeps that order among equal high halves, so the result is that of a full sort. It costs no
    /// comparison the processor has to guess. The matcher groups an article's hits by topic slot with it; with 100,000 topics the
    /// quicksort's unforeseeable comparisons cost as much as the grouping itself.
    static func sortByHighHalf(_ keys: UnsafeMutableBufferPointer<UInt64>, below bound: Int) {
        let count = keys.count
        let bits = max(1, Int.bitWidth - max(bound - 1, 1).leadingZeroBitCount)
        guard count > 24, bits <= 32 else { return sort(keys) }
        let passes = (bits + 7) / 8, digitBits = (bits + passes - 1) / passes
        let buckets = 1 << digitBits, digitMask = UInt64(buckets - 1)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { scratch in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets) { starts in
                var (source, target) = (keys, scratch)
                for pass in 0..<passes {
                    let shift = UInt64(32 + pass * digitBits)
                    starts.initialize(repeating: 0)
                    for key in source { starts[Int(truncatingIfNeeded: key >> shift & digitMask)] &+= 1 }
                    var total = 0
                    for bucket in 0..<buckets { (starts[bucket], total) = (total, total &+ starts[bucket]) }
                    // In order within a bucket: each pass keeps the order the last one left.
                    for key in source {
                        let bucket = Int(truncatingIfNeeded: key >> shift & digitMask)
                        target[starts[bucket]] = key
                        starts[bucket] &+= 1
                    }
                    swap(&source, &target)
                }
                if passes % 2 == 1 { _ = keys.update(fromContentsOf: scratch) }
            }
        }
    }

    /// Sorts keys that are nearly in order already (an article's hits, found in the order their
    /// phrases end, into the order they start): an insertion sort, whose cost is the keys plus how
    /// far they move; past eight moves a key on average, the general sort takes over.
    static func sortNearlySorted(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count > 1 else { return }
        let budget = 8 * keys.count
        var moves = 0
        for next in 1..<keys.count {
            let moving = keys[next]
            var slot = next
            while slot > 0, keys[slot - 1] > moving {
                keys[slot] = keys[slot - 1]
                slot -= 1
            }
            keys[slot] = moving
            moves &+= next - slot
            if moves > budget { return sort(keys) }
        }
    }

    private static func quicksort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int, _ depth: Int) {
        var low = low, high = high, depth = depth
        while high - low > 16 {
            if depth == 0 { return heapsort(keys, low, high) }
            depth -= 1
            let middle = low + (high - low) / 2
            // Median of three to keys[middle]; then partition around it.
            if keys[middle] < keys[low] { keys.swapAt(middle, low) }
            if keys[high - 1] < keys[low] { keys.swapAt(high - 1, low) }
            if keys[high - 1] < keys[middle] { keys.swapAt(high - 1, middle) }
            let pivot = keys[middle]
            var left = low, right = high - 1
            while left <= right {
                while keys[left] < pivot { left += 1 }
                while keys[right] > pivot { right -= 1 }
                if left <= right {
                    keys.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
            if right - low < high - left {
                quicksort(keys, low, right + 1, depth)
                low = left
            } else {
                quicksort(keys, left, high, depth)
                high = right + 1
            }
        }
        insertionSort(keys, low, high)
    }

    private static func insertionSort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        guard high - low > 1 else { return }
        for next in (low + 1)..<high {
            let moving = keys[next]
            var slot = next
            while slot > low, keys[slot - 1] > moving {
                keys[slot] = keys[slot - 1]
                slot -= 1
            }
            keys[slot] = moving
        }
    }

    private static func heapsort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        let count = high - low
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end, keys[low + child] < keys[low + child + 1] { child += 1 }
                guard keys[low + root] < keys[low + child] else { return }
                keys.swapAt(low + root, low + child)
                root = child
            }
        }
        for start in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(start, count) }
        for end in stride(from: count - 1, to: 0, by: -1) {
            keys.swapAt(low, low + end)
            siftDown(0, end)
        }
    }
}
