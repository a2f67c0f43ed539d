@testable import EntityCore
import Testing

/// The matcher's sorts against the standard library's, on the shapes of input they are given and on
/// the ones they must survive.
@Suite struct KeySortTests {
    @Test(arguments: [0, 1, 2, 24, 25, 100, 5_000])
    func theRadixSortOrdersByTheHighHalfAndKeepsFoundOrder(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 7)
        for bound in [1, 2, 10, 300, 10_000, 100_000, 1 << 20, Int(Int32.max)] {
            // Slots repeat (many hits of one topic) and indices are the keys' found order.
            var keys = (0..<count).map { index in UInt64(generator.next() % UInt64(bound)) << 32 | UInt64(index) }
            let expected = keys.sorted()
            keys.withUnsafeMutableBufferPointer { KeySort.sortByHighHalf($0, below: bound) }
            #expect(keys == expected, "count \(count), bound \(bound)")
        }
    }

    @Test func theNearlySortedSortHandlesNearAndFarFromSorted() {
        var generator = SplitMix64(seed: 42)
        let sorted = (0..<2_000).map { UInt64($0) * 3 }
        var near = sorted
        for _ in 0..<40 {
            // A key moved a few places back: a phrase that starts before shorter ones ending first.
            let from = Int(generator.next() % UInt64(near.count - 8)) + 8
            near.insert(near.remove(at: from), at: from - Int(generator.next() % 8))
        }
        let reversed = Array(sorted.reversed())
        let shuffled = sorted.shuffled(using: &generator)
        for (name, keys) in [("near", near), ("reversed", reversed), ("shuffled", shuffled)] {
            var copy = keys
            copy.withUnsafeMutableBufferPointer { KeySort.sortNearlySorted($0) }
            #expect(copy == sorted, "\(name)")
        }
        var single: [UInt64] = [9]
        single.withUnsafeMutableBufferPointer { KeySort.sortNearlySorted($0) }
        #expect(single == [9])
    }
}
