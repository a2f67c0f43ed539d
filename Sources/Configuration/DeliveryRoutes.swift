/// Which queue each alert goes to. A sink is one queue with one policy; a watch-list with a
/// `delivery:` policy of its own, and feed-health alerts with `feed_health: immediate`, get a queue
/// of their own beside the sink's (named `SINK/WATCHLIST` and `SINK/feed-health`), which delivers to
/// the same place under the other policy. Each queue keeps its own order, lease and exactly-once record.
public struct DeliveryRoutes: Sendable {
    /// Every queue to deliver: the configured sinks, then the ones their policies imply.
    public let sinks: [SinkConfig]
    private let byWatchlist: [String: [String]]
    private let everySink: [String]
    /// Where feed-health alerts go.
    public let feedHealth: [String]

    public static let feedHealthName = "feed-health"

    public init(_ config: FeedwatchConfig) {
        var sinks = config.sinks
        let byName = Dictionary(config.sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        everySink = config.sinks.map(\.name)
        func implied(by base: SinkConfig, for owner: String, policy: DeliveryPolicy) -> String {
            let name = "\(base.name)/\(owner)"
            if !sinks.contains(where: { $0.name == name }) {
                var sink = base
                sink.name = name
                sink.policy = policy
                sink.feedHealth = .off
                sink.deliversFor = base.name
                sinks.append(sink)
            }
            return name
        }
        var byWatchlist: [String: [String]] = [:]
        for list in config.watchlists {
            let targets = list.sinks ?? everySink
            guard let own = config.watchlistPolicies[list.name] else { continue }
            byWatchlist[list.name] = targets.map { name in
                guard let base = byName[name], base.kind.takesPolicies else { return name }
                let policy = own.isImmediate ? DeliveryPolicy.immediate : own.overriding(base.policy)
                return policy == base.policy ? name : implied(by: base, for: list.name, policy: policy)
            }
        }
        feedHealth = config.sinks.compactMap { sink in
            switch sink.feedHealth {
            case .off: return nil
            case .immediate where !sink.policy.isImmediate: return implied(by: sink, for: Self.feedHealthName, policy: .immediate)
            case .immediate, .policy: return sink.name
            }
        }
        self.byWatchlist = byWatchlist
        self.sinks = sinks
    }

    /// The queues a watch-list's alerts go to.
    public func sinks(forWatchlist name: String, listed: [String]?) -> [String] {
        byWatchlist[name] ?? listed ?? everySink
    }
}

extension SinkConfig.Kind {
    /// Digests, quiet hours and rate limits are for the sinks that send messages; a log sink writes
    /// every alert as it is raised.
    public var takesPolicies: Bool {
        if case .log = self { return false }
        return true
    }
}
