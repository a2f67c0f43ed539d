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

    /// What to do with each of a batch of due feeds. On a shared database the batch is claimed in
    /// one statement. `started`: when `poll --once` began; a feed another instance polled since then
    /// is not polled again.
    func prepare(_ urls: [String], oneShot: Bool, started: Date = Date()) -> [PreparedFeed] {
        let running = current
        let configured = urls.filter { running.feedsByURL[$0]?.enabled == true }  // not removed or disabled by a reload
        var records: [String: FeedRecord] = [:]
        var postponed: [String: PreparedFeed] = [:]
        do {
            if let leases = store as? any LeaseStore {
                // Several instances share the database: poll a feed only with its lease.
                let now = Date()
                let claims = try leases.claimFeeds(configured, owner: instance.id, until: now.addingTimeInterval(leaseDuration), now: now,
                                                   notPolledSince: oneShot ? started : nil)
                for (url, claim) in zip(configured, claims) {
                    switch claim {
                    case .claimed(let record): records[url] = record
                    // poll --once waits for a lease to end (its holder may have died), looking every second
                    // (a live holder gives it back sooner), and leaves a feed another instance polled since.
                    case .leased(let until): postponed[url] = .later(oneShot ? min(until, now.addingTimeInterval(1)) : until)
                    case .notDue(let until): postponed[url] = oneShot ? .skip : .later(until)
                    case .unavailable: break
                    }
                }
            } else {
                for url in configured { records[url] = try store.feed(url: url) }
            }
        } catch {
            // The feeds stay scheduled: a locked or full database must not drop them until a reload.
            logger.error("cannot read the feeds' state; trying again in a minute",
                         metadata: ["feeds": "\(configured.joined(separator: " "))", "error": "\(error)"])
            let retry = Date().addingTimeInterval(Self.storeRetryDelay)
            return urls.map { url in
                guard configured.contains(url) else { return .skip }
                return oneShot ? .failed(PollOutcome(url: url, status: 0, newEntries: 0, alerts: 0, error: .store(error), notModified: false,
                                                     nextPoll: retry))
                    : .later(retry)
            }
        }
        let settings = running.config.settings
        return urls.map { url in
            if let postponed = postponed[url] { return postponed }
            guard let record = records[url], record.pausedReason == nil else { return .skip }
            return .fetch(FetchRequest(url: record.fetchURL ?? url, etag: record.etag, lastModified: record.lastModified, timeout: settings.timeout,
                                       connectTimeout: settings.connectTimeout, maximumBytes: settings.maximumBodyBytes,
                                       userAgent: Self.userAgent, key: url))
        }
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

    /// Parses, matches and stores one result. On a shared database the feed's lease goes back with its
    /// record, or on its own when the record could not be stored.
    func handle(_ fetched: FetchLoop.Fetched) -> PollOutcome? {
        let outcome = process(fetched)
        if outcome?.leaseReturned != true, let leases = store as? any LeaseStore {
            do {
                try leases.releaseFeed(url: fetched.feedURL, owner: instance.id)
            } catch {
                logger.warning("cannot release the feed's lease; it lapses by itself", metadata: ["feed": "\(fetched.feedURL)", "error": "\(error)"])
            }
        }
        return outcome
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
        let outcome = FeedProcessor(store: store, running: running, logger: logger, leaseOwner: instance.id)
            .process(fetched.result, record: record, feed: feed)
        metrics.poll(outcome, elapsed: fetched.result.elapsed)
        for watchlist in outcome.raisedWatchlists { metrics.alert(watchlist: watchlist) }
        return outcome
    }
}
