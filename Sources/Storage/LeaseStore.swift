import Foundation

/// What a store shared by several feedwatch instances adds: leases, so that a feed is polled by one
/// instance at a time and a sink is delivered by one, and a record of the instances alive. A lease
/// lapses at its expiry, so a dead instance's feeds and sinks are taken over by the others.
/// (A store of one instance, such as SQLite's, does not implement it.)
public protocol LeaseStore: Sendable {
    /// Claims feeds to poll them now, those that are due or (`poll --once`) that no instance has
    /// polled since `notPolledSince`, in one round trip for the batch. Returns a claim per URL, in order.
    func claimFeeds(_ urls: [String], owner: String, until expiry: Date, now: Date, notPolledSince: Date?) throws(StoreError) -> [FeedClaim]
    /// Stores a poll's record and gives the lease back with it, unless the lease lapsed meanwhile and
    /// another instance holds the feed now: then its record stands, and this returns false.
    func saveFeed(_ record: FeedRecord, releasingLeaseOf owner: String) throws(StoreError) -> Bool
    /// Gives the lease back without a record (the poll's result could not be stored).
    func releaseFeed(url: String, owner: String) throws(StoreError)
    /// Takes or renews the right to deliver a sink's queue; false while another instance holds it.
    func claimSink(_ sink: String, owner: String, until expiry: Date, now: Date) throws(StoreError) -> Bool
    func releaseSink(_ sink: String, owner: String) throws(StoreError)
    /// At a clean stop: gives back every lease the instance holds and forgets it (and instances not
    /// seen for a day), so its feeds are polled at once by the others.
    func releaseAll(owner: String) throws(StoreError)
    /// Records that an instance is alive (and when it started).
    func heartbeat(_ instance: InstanceRecord) throws(StoreError)
    /// Instances seen since `since`, with the leases each holds.
    func instances(seenSince since: Date) throws(StoreError) -> [InstanceRecord]
}

extension LeaseStore {
    public func claimFeed(url: String, owner: String, until expiry: Date, now: Date, notPolledSince: Date?) throws(StoreError) -> FeedClaim {
        try claimFeeds([url], owner: owner, until: expiry, now: now, notPolledSince: notPolledSince).first ?? .unavailable
    }
}

public enum FeedClaim: Sendable, Equatable {
    case claimed(FeedRecord)
    /// Another instance polls it; its lease ends then.
    case leased(until: Date)
    /// Not due (another instance polled it meanwhile); due then.
    case notDue(until: Date)
    /// Paused, or not registered.
    case unavailable
}

public struct InstanceRecord: Sendable, Equatable {
    public var id: String
    public var host: String
    public var pid: Int
    public var started: Date
    public var lastSeen: Date
    public var feedLeases: Int
    public var sinkLeases: [String]

    public init(id: String, host: String, pid: Int, started: Date, lastSeen: Date, feedLeases: Int = 0, sinkLeases: [String] = []) {
        self.id = id
        self.host = host
        self.pid = pid
        self.started = started
        self.lastSeen = lastSeen
        self.feedLeases = feedLeases
        self.sinkLeases = sinkLeases
    }
}
