import Foundation
import Storage

/// The feeds waiting for their next poll, ordered by time (a binary min-heap). A feed leaves the queue
/// when its transfer starts and comes back, with its new time, when the result is processed, so a feed
/// is never polled twice at once and finding the due feeds costs O(log n) each, whatever the count.
struct PollQueue {
    private var heap: [(time: Date, url: String)] = []

    var count: Int { heap.count }
    var nextTime: Date? { heap.first?.time }

    mutating func insert(_ url: String, at time: Date) {
        heap.append((time, url))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].time < heap[parent].time else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest feed if it is due at `now`.
    mutating func popDue(now: Date) -> String? {
        guard let first = heap.first, first.time <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].time < heap[smallest].time { smallest = left }
                if right < heap.count, heap[right].time < heap[smallest].time { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.url
    }

    mutating func removeAll() { heap.removeAll() }

    /// Every feed with its time, in no particular order.
    var entries: [(url: String, due: Date)] { heap.map { ($0.url, $0.time) } }
}
