import Foundation
import Synchronization

/// The store in memory, with the same rules as `SQLiteStore` (one alert per key, one delivery per
/// alert and sink, each sink's queue in the order raised). For fast tests of the processor and the
/// sink workers; `failWrites` makes every write fail, as a full disk would.
public final class MemoryStore: StateStore {
    private struct State {
        var feeds: [String: FeedRecord] = [:]
        var seen: [String: Set<String>] = [:]
        var entries: [(entry: EntryRecord, firstSeen: Date)] = []
        var alerts: [StoredAlert] = []
        var alertKeys: Set<String> = []
        var deliveries: [Delivery] = []
        /// The digest each gathered, pending delivery belongs to, by its sequence.
        var digests: [Int: String] = [:]
        /// When each delivery sent one by one was delivered, by its sequence.
        var singlyDelivered: [Int: Date] = [:]
        var nextSequence = 1
        var failingWrites = false
    }

    private let state = Mutex(State())

    public init() {}

    /// From now on every write throws (reads go on working), until called with false.
    public func failWrites(_ failing: Bool = true) { state.withLock { $0.failingWrites = failing } }

    private func write<T>(_ body: (inout State) -> T) throws(StoreError) -> T {
        let outcome: T? = state.withLock { state in state.failingWrites ? nil : body(&state) }
        guard let outcome else { throw StoreError("the state store refused the write (simulated failure)") }
        return outcome
    }

    // MARK: Feeds

    public func registerFeed(url: String, name: String?, firstPoll: Date) throws(StoreError) {
        try write { state in
            if state.feeds[url] == nil {
                state.feeds[url] = FeedRecord(url: url, name: name, nextPoll: firstPoll)
            } else {
                state.feeds[url]?.name = name
            }
        }
    }

    public func feed(url: String) throws(StoreError) -> FeedRecord? { state.withLock { $0.feeds[url] } }

    public func feeds() throws(StoreError) -> [FeedRecord] { state.withLock { $0.feeds.values.sorted { $0.url < $1.url } } }

    public func saveFeed(_ record: FeedRecord) throws(StoreError) {
        try write { state in
            guard let stored = state.feeds[record.url] else { return }
            var saved = record
            saved.fetchURL = stored.fetchURL
            state.feeds[record.url] = saved
        }
    }

    public func fetchURL(feed url: String) throws(StoreError) -> String { state.withLock { $0.feeds[url]?.fetchURL ?? url } }

    public func setFetchURL(feed url: String, to fetchURL: String) throws(StoreError) {
        try write { state in state.feeds[url]?.fetchURL = fetchURL }
    }

    // MARK: Entries

    public func seenIdentities(feedURL: String, among identities: [String]) throws(StoreError) -> Set<String> {
        state.withLock { state in Set(identities).intersection(state.seen[feedURL] ?? []) }
    }

    @discardableResult
    public func commit(entries: [EntryRecord], alerts: [NewAlert], at now: Date) throws(StoreError) -> [NewAlert] {
        try write { state in
            for entry in entries where state.seen[entry.feedURL, default: []].insert(entry.identity).inserted {
                state.entries.append((entry, now))
            }
            var raised: [NewAlert] = []
            for alert in alerts where !state.alertKeys.contains(alert.key) && !state.alerts.contains(where: { $0.id == alert.id }) {
                state.alertKeys.insert(alert.key)
                state.alerts.append(StoredAlert(id: alert.id, watchlist: alert.watchlist, feedURL: alert.feedURL, created: now,
                                                payload: alert.payload))
                var queued = Set<String>()
                for sink in alert.sinks where queued.insert(sink).inserted {
                    state.deliveries.append(Delivery(sequence: state.nextSequence, alertID: alert.id, sink: sink, state: .pending,
                                                     attempts: 0, nextAttempt: now, lastError: nil, payload: alert.payload, created: now))
                    state.nextSequence += 1
                }
                raised.append(alert)
            }
            return raised
        }
    }

    public func pruneEntryText(olderThan cutoff: Date) throws(StoreError) -> Int {
        try write { state in
            var pruned = 0
            for index in state.entries.indices where state.entries[index].firstSeen < cutoff && state.entries[index].entry.text != nil {
                state.entries[index].entry.text = nil
                state.entries[index].entry.title = nil
                pruned += 1
            }
            return pruned
        }
    }

    public func recentEntries(since: Date) throws(StoreError) -> [EntryRecord] {
        state.withLock { state in
            // Newest first, as SQLite orders them; commits from parallel processing may arrive out of order.
            state.entries.enumerated().filter { $0.element.firstSeen >= since && $0.element.entry.text != nil }
                .sorted { ($0.element.firstSeen, $0.offset) > ($1.element.firstSeen, $1.offset) }.map(\.element.entry)
        }
    }

    // MARK: Outbox

    public func nextDelivery(sink: String) throws(StoreError) -> Delivery? {
        state.withLock { state in state.deliveries.first { $0.sink == sink && $0.state == .pending } }
    }

    public func markDelivered(_ delivery: Delivery, at now: Date) throws(StoreError) {
        try update(delivery) { stored in
            stored.state = .delivered
            stored.attempts += 1
            stored.lastError = nil
        }
        state.withLock { state in if state.digests[delivery.sequence] == nil { state.singlyDelivered[delivery.sequence] = now } }
    }

    public func markAttemptFailed(_ delivery: Delivery, error: String, retryAt: Date?) throws(StoreError) {
        try update(delivery) { stored in
            stored.attempts += 1
            stored.lastError = error
            if let retryAt { stored.nextAttempt = retryAt } else { stored.state = .failed }
        }
    }

    private func update(_ delivery: Delivery, _ change: (inout Delivery) -> Void) throws(StoreError) {
        try write { state in
            if let index = state.deliveries.firstIndex(where: { $0.sequence == delivery.sequence }) { change(&state.deliveries[index]) }
        }
    }

    public func failedDeliveries() throws(StoreError) -> [Delivery] { state.withLock { $0.deliveries.filter { $0.state == .failed } } }

    public func pendingDeliveries() throws(StoreError) -> [Delivery] { state.withLock { $0.deliveries.filter { $0.state == .pending } } }

    @discardableResult
    public func replayFailed(alertID: String?, at now: Date) throws(StoreError) -> Int {
        try write { state in
            var count = 0
            for index in state.deliveries.indices
            where state.deliveries[index].state == .failed && (alertID == nil || state.deliveries[index].alertID == alertID) {
                state.deliveries[index].state = .pending
                state.deliveries[index].attempts = 0
                state.deliveries[index].nextAttempt = now
                count += 1
            }
            return count
        }
    }

    public func alerts(since: Date) throws(StoreError) -> [StoredAlert] {
        state.withLock { state in
            state.alerts.enumerated().filter { $0.element.created >= since }
                .sorted { ($0.element.created, $0.offset) < ($1.element.created, $1.offset) }.map(\.element)
        }
    }

    public func outboxSummary() throws(StoreError) -> OutboxSummary {
        state.withLock { state in
            var sinks: [String: OutboxSummary.SinkQueue] = [:]
            for delivery in state.deliveries where delivery.state == .pending {
                var queue = sinks[delivery.sink] ?? .init(pending: 0, oldestPending: nil)
                queue.pending += 1
                queue.oldestPending = min(queue.oldestPending ?? delivery.created, delivery.created)
                sinks[delivery.sink] = queue
            }
            return OutboxSummary(sinks: sinks, failed: state.deliveries.count { $0.state == .failed },
                                 delivered: state.deliveries.count { $0.state == .delivered },
                                 lastAlert: state.alerts.enumerated().max { ($0.element.created, $0.offset) < ($1.element.created, $1.offset) }?.element)
        }
    }

    // MARK: Digests

    public func gatherDigest(sink: String, raisedBefore cutoff: Date) throws(StoreError) -> DeliveryDigest? {
        try write { state in
            let pending = state.deliveries.filter { $0.sink == sink && $0.state == .pending }
            let digests = state.digests
            var id = pending.compactMap { digests[$0.sequence] }.first
            if id == nil {
                let due = pending.filter { state.digests[$0.sequence] == nil && $0.created < cutoff }
                guard let first = due.first else { return nil }
                id = DeliveryDigest.id(firstAlert: first.alertID)
                for delivery in due { state.digests[delivery.sequence] = id }
            }
            guard let id else { return nil }
            return DeliveryDigest(id: id, sink: sink, members: pending.filter { state.digests[$0.sequence] == id })
        }
    }

    public func markDigestDelivered(_ digest: DeliveryDigest, at now: Date) throws(StoreError) {
        for member in digest.members { try markDelivered(member, at: now) }  // still in the digest: not counted as single
        state.withLock { state in for member in digest.members { state.digests[member.sequence] = nil } }
    }

    public func singleDeliveries(sink: String, since: Date) throws(StoreError) -> Int {
        state.withLock { state in
            state.deliveries.count { $0.sink == sink && $0.state == .delivered && (state.singlyDelivered[$0.sequence] ?? .distantPast) >= since }
        }
    }

    public func markDigestAttemptFailed(_ digest: DeliveryDigest, error: String, retryAt: Date?) throws(StoreError) {
        for member in digest.members { try markAttemptFailed(member, error: error, retryAt: retryAt) }
        if retryAt == nil { state.withLock { state in for member in digest.members { state.digests[member.sequence] = nil } } }
    }
}
