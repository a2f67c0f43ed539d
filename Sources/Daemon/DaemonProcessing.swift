import CurlKit
import Foundation
import Storage
import Synchronization

/// Processing: every finished transfer is parsed, matched and stored off the fetch thread, up to
/// `processingWidth` at once. A feed is processed one poll at a time (it is not fetched again until
/// its result is done), so per-feed order holds, and a slow document only holds up its own feed.
extension Daemon {
    /// One processing task per core: parsing and matching are CPU-bound.
    static var processingWidth: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// What to do with a due feed, decided on the fetch thread from the feed's state.
    enum PreparedFeed {
        case fetch(FetchRequest)
        case skip
        case later(Date)
        /// `poll --once`: the feed's state could not be read; this is its outcome.
        case failed(PollOutcome)

        var forLoop: FetchLoop.Preparation {
            switch self {
            case .fetch(let request): .fetch(request)
            case .skip, .failed: .skip
            case .later(let date): .later(date)
            }
        }
    }

    /// `started`: when `poll --once` began; a feed another instance polled since then is not polled again.
    func prepare(_ url: String, oneShot: Bool, started: Date = Date()) -> PreparedFeed {
        let running = current
        let settings = running.config.settings
        guard let feed = running.feedsByURL[url], feed.enabled else { return .skip }  // removed or disabled by a reload
        let record: FeedRecord?
        do {
            if let leases = store as? any LeaseStore {
                // Several instances share the database: poll it only with its lease.
                let now = Date()
                switch try leases.claimFeed(url: url, owner: instance.id, until: now.addingTimeInterval(leaseDuration), now: now,
                                            notPolledSince: oneShot ? started : nil) {
                case .claimed(let claimed): record = claimed
                // poll --once waits for a lease to end (its holder may have died), looking every second
                // (a live holder gives it back sooner), and leaves a feed another instance polled since.
                case .leased(let until): return .later(oneShot ? min(until, now.addingTimeInterval(1)) : until)
                case .notDue(let until): return oneShot ? .skip : .later(until)
                case .unavailable: return .skip
                }
            } else {
                record = try store.feed(url: url)
            }
        } catch {
            // The feed stays scheduled: a locked or full database must not drop it until a reload.
            logger.error("cannot read the feed's state; trying again in a minute", metadata: ["feed": "\(url)", "error": "\(error)"])
            let retry = Date().addingTimeInterval(Self.storeRetryDelay)
            return oneShot ? .failed(PollOutcome(url: url, status: 0, newEntries: 0, alerts: 0, error: .store(error), notModified: false,
                                                 nextPoll: retry))
                : .later(retry)
        }
        guard let record, record.pausedReason == nil else { return .skip }
        return .fetch(FetchRequest(url: record.fetchURL ?? url, etag: record.etag, lastModified: record.lastModified, timeout: settings.timeout,
                                   connectTimeout: settings.connectTimeout, maximumBytes: settings.maximumBodyBytes,
                                   userAgent: Self.userAgent, key: url))
    }

    /// Processes the results as they come, with bounded parallelism, until the stream ends; then
    /// waits for the processing in hand, so nothing fetched is dropped at shutdown.
    func process(_ results: AsyncStream<FetchLoop.Fetched>, loop: FetchLoop, collect: OutcomeCollector?) async {
        await withTaskGroup(of: Void.self) { group in
            var busy = 0
            for await fetched in results {
                if busy >= Self.processingWidth {
                    await group.next()
                    busy -= 1
                }
                busy += 1
                group.addTask {
                    let outcome = await Offload.run { self.handle(fetched) }
                    loop.finished(feed: fetched.feedURL, nextPoll: outcome?.nextPoll)
                    guard let outcome else { return }
                    collect?.append(outcome)
                    if outcome.alerts > 0 { self.sinks.pokeAll() }
                }
            }
            await group.waitForAll()
        }
    }

    /// Parses, matches and stores one result (then gives the feed's lease back, if it has one).
    func handle(_ fetched: FetchLoop.Fetched) -> PollOutcome? {
        defer {
            if let leases = store as? any LeaseStore {
                do {
                    try leases.releaseFeed(url: fetched.feedURL, owner: instance.id)
                } catch {
                    logger.warning("cannot release the feed's lease; it lapses by itself", metadata: ["feed": "\(fetched.feedURL)", "error": "\(error)"])
                }
            }
        }
        return process(fetched)
    }

    /// Parses, matches and stores one result; nil when the feed was removed meanwhile.
    private func process(_ fetched: FetchLoop.Fetched) -> PollOutcome? {
        let running = current
        guard let feed = running.feedsByURL[fetched.feedURL] else { return nil }
        let record: FeedRecord
        do {
            guard let stored = try store.feed(url: fetched.feedURL) else { return nil }
            record = stored
        } catch {
            logger.error("cannot read the feed's state; trying again in a minute", metadata: ["feed": "\(fetched.feedURL)", "error": "\(error)"])
            return PollOutcome(url: fetched.feedURL, status: fetched.result.status, newEntries: 0, alerts: 0, error: .store(error),
                               notModified: false, nextPoll: Date().addingTimeInterval(Self.storeRetryDelay))
        }
        let outcome = FeedProcessor(store: store, running: running, logger: logger).process(fetched.result, record: record, feed: feed)
        metrics.poll(outcome, elapsed: fetched.result.elapsed)
        for watchlist in outcome.raisedWatchlists { metrics.alert(watchlist: watchlist) }
        return outcome
    }
}
