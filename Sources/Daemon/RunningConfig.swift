import Configuration
import EntityCore
import Foundation

/// A loaded configuration with its compiled engine: swapped whole on reload, never edited.
final class RunningConfig: Sendable {
    let config: FeedwatchConfig
    let engine: EntityEngine
    let feedsByURL: [String: FeedConfig]
    /// The queues alerts go to: the sinks, and those their policies imply.
    let routes: DeliveryRoutes

    init(_ config: FeedwatchConfig) throws {
        self.config = config
        engine = try EntityEngine(watchlists: config.watchlists)
        feedsByURL = Dictionary(config.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        routes = DeliveryRoutes(config)
    }

    func interval(for feed: FeedConfig) -> TimeInterval { feed.interval ?? config.settings.interval }

    /// The queues a watch-list's alerts go to: its own list of sinks, or every sink, under its policy.
    func sinks(forWatchlist name: String) -> [String] {
        routes.sinks(forWatchlist: name, listed: config.watchlists.first { $0.name == name }?.sinks)
    }

    /// Whether `watchlist` applies to `feed`.
    func applies(_ watchlist: String, to feed: FeedConfig) -> Bool {
        feed.watchlists?.contains(watchlist) ?? true
    }
}
