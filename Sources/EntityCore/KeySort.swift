/// Sorts 64-bit keys in place: quicksort with a median-of-three pivot, insertion sort for short runs,
/// and heapsort where the recursion runs deep (so no input costs more than n log n). The matcher
/// sorts a packed key per hit for every article; this costs a fraction of the general sort's
/// comparisons through closures.
enum KeySort {
    /// Sorts `keys[range]`.
    static func sort(_ keys: inout [UInt64], in range: Range<Int>) {
        guard range.count > 1 else { return }
        keys.withUnsafeMutableBufferPointer { buffer in
            let depthLimit = 2 * (Int.bitWidth - range.count.leadingZeroBitCount)
            quicksort(buffer, range.lowerBound, range.upperBound, depthLimit)
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
