import Configuration
import EntityCore
import Foundation

/// A loaded configuration with its compiled engine: swapped whole on reload, never edited.
final class RunningConfig: Sendable {
    let config: FeedwatchConfig
    let engine: EntityEngine
    let feedsByURL: [String: FeedConfig]
    let sinkNames: [String]

    init(_ config: FeedwatchConfig) throws {
        self.config = config
        engine = try EntityEngine(watchlists: config.watchlists)
        feedsByURL = Dictionary(config.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        sinkNames = config.sinks.map(\.name)
    }

    func interval(for feed: FeedConfig) -> TimeInterval { feed.interval ?? config.settings.interval }

    /// The sinks a watch-list's alerts go to: its own list, or every sink.
    func sinks(forWatchlist name: String) -> [String] {
        config.watchlists.first { $0.name == name }?.sinks ?? sinkNames
    }

    /// Whether `watchlist` applies to `feed`.
    func applies(_ watchlist: String, to feed: FeedConfig) -> Bool {
        feed.watchlists?.contains(watchlist) ?? true
    }
}
