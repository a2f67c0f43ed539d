import Alerting
import Configuration
import CurlKit
import EntityCore
import FeedModel
import FeedParser
import Foundation
import Hashing
import Logging
import Storage

/// What one poll of one feed came to, for the summary and the logs.
public struct PollOutcome: Sendable {
    public var url: String
    public var status: Int
    public var newEntries: Int
    public var alerts: Int
    public var error: PollFailure?
    public var notModified: Bool
    /// When the feed is due again (as saved in the store); nil when it is paused.
    public var nextPoll: Date?
    /// Time spent parsing the document and matching its new entries.
    public var parseSeconds: Double = 0
    public var matchSeconds: Double = 0
    /// The watch-list of each alert raised (feed-health alerts included).
    public var raisedWatchlists: [String] = []
    /// On a shared database: whether the feed's lease went back with its record.
    var leaseReturned = false
}

/// Handles one finished fetch: updates the feed's validators, status and schedule, parses the
/// document, finds the entries not seen before, runs them through the entity core, and stores the
/// seen-marks and the alerts together in one transaction.
struct FeedProcessor {
    let store: any StateStore
    let running: RunningConfig
    let logger: Logger
    /// On a shared database: the instance whose lease on the feed goes back with the record.
    var leaseOwner: String?
    let parser = FeedParser()

    func process(_ result: FetchResult, record: FeedRecord, feed: FeedConfig, now: Date = Date()) -> PollOutcome {
        var record = record
        let settings = running.config.settings
        let scheduler = Scheduler(minimum: settings.minimumInterval, maximum: settings.maximumInterval)
        var outcome = PollOutcome(url: feed.url, status: result.status, newEntries: 0, alerts: 0, error: nil, notModified: false,
                                  nextPoll: now)
        var hints = Scheduler.Hints(cacheControl: result.header("cache-control"), expires: result.header("expires"))
        var alerts: [NewAlert] = []
        var entries: [EntryRecord] = []
        record.lastAttempt = now
        record.lastStatus = result.status
        var log = logger
        log[metadataKey: "feed"] = "\(feed.url)"

        let failure: PollFailure?
        switch result.status {
        case 200..<300 where result.error == nil:
            do throws(PollFailure) {
                let started = ContinuousClock.now
                let parsed = try parse(result)
                outcome.parseSeconds = Self.seconds(since: started)
                if parsed.bozo { log.notice("feed recovered from a malformed document", metadata: ["reason": "\(parsed.bozoReason ?? "")"]) }
                hints.ttlMinutes = parsed.ttlMinutes
                let matching = ContinuousClock.now
                (entries, alerts) = try findNew(parsed, feed: feed, record: record, now: now)
                outcome.matchSeconds = Self.seconds(since: matching)
                record.etag = result.header("etag")
                record.lastModified = result.header("last-modified")
                failure = nil
            } catch {
                failure = error
            }
        case _ where result.error != nil:
            failure = result.error.map(PollFailure.fetch)
        case 304:
            outcome.notModified = true
            failure = nil
        case 410:
            record.pausedReason = "the server answered 410 Gone: the feed was removed; polling is paused until the URL changes"
            log.warning("feed paused", metadata: ["reason": "\(record.pausedReason ?? "")"])
            failure = .gone
        case 429, 503:
            hints.retryAfter = result.header("retry-after").flatMap { RetryAfter.seconds($0) }
            failure = .http(status: result.status)
        default:
            failure = .http(status: result.status)
        }

        if let failure {
            record.consecutiveFailures += 1
            record.lastError = failure.description
            record.failingSince = record.failingSince ?? now
            outcome.error = failure
            log.warning("poll failed", metadata: ["error": "\(failure)", "failures": "\(record.consecutiveFailures)"])
            let failingFor = now.timeIntervalSince(record.failingSince ?? now)
            if record.consecutiveFailures >= settings.failureAlertAfter || failingFor >= settings.failureAlertWithin, !record.unhealthy {
                record.unhealthy = true
                alerts.append(AlertBuilder.healthAlert(failing: true, feedURL: feed.url, feedName: feed.name, problem: failure.description,
                                                       episode: record.lastSuccess ?? .distantPast, sinks: running.routes.feedHealth, now: now))
            }
        } else {
            if record.unhealthy {
                alerts.append(AlertBuilder.healthAlert(failing: false, feedURL: feed.url, feedName: feed.name, problem: record.lastError,
                                                       episode: record.lastSuccess ?? .distantPast, sinks: running.routes.feedHealth, now: now))
                record.unhealthy = false
            }
            record.consecutiveFailures = 0
            record.failingSince = nil
            record.lastError = nil
            record.lastSuccess = now
            record.initialized = true
        }
        record.nextPoll = scheduler.nextPoll(after: now, interval: running.interval(for: feed), failures: record.consecutiveFailures, hints: hints)
        if let failingSince = record.failingSince, !record.unhealthy, hints.retryAfter == nil {
            // Back-off must not push the poll that would report a broken feed past its deadline.
            let deadline = failingSince.addingTimeInterval(settings.failureAlertWithin)
            record.nextPoll = max(min(record.nextPoll, deadline), now.addingTimeInterval(settings.minimumInterval))
        }
        // The schedule holds even if storing fails below: a full disk must not turn into re-polling at once.
        outcome.nextPoll = record.pausedReason == nil ? record.nextPoll : nil
        do {
            let raised = try store.commit(entries: entries, alerts: alerts, at: now)
            // Counted before the feed is saved: if that fails, these alerts are raised all the same.
            outcome.newEntries = entries.count
            outcome.alerts = raised.count
            outcome.raisedWatchlists = raised.map(\.watchlist)
            for alert in raised {
                log.info("alert raised", metadata: ["watchlist": "\(alert.watchlist)", "alert": "\(alert.id)"])
            }
            if let leaseOwner, let leases = store as? any LeaseStore {
                if try !leases.saveFeed(record, releasingLeaseOf: leaseOwner) {
                    log.warning("the feed's lease lapsed during the poll and another instance polls it now; its record stands")
                }
                outcome.leaseReturned = true
            } else {
                try store.saveFeed(record)
            }
            // A move is kept only when the chain ended in a feed that was read: a redirect loop, or a
            // 301 to a 404, must not re-point the feed at wherever it stopped.
            if failure == nil, result.movedPermanently, let moved = result.effectiveURL, moved != result.request.url {
                log.notice("feed moved permanently; polling the new URL from now on", metadata: ["to": "\(moved)"])
                try store.setFetchURL(feed: feed.url, to: moved)
            }
        } catch {
            // When the commit failed nothing of this poll was kept, so the next poll sees the same
            // entries as new again. When only the feed's record failed, its entries stay seen.
            outcome.error = .store(error)
            outcome.nextPoll = now.addingTimeInterval(Daemon.storeRetryDelay)
            log.error("cannot store the poll; trying again in a minute", metadata: ["error": "\(error)"])
        }
        return outcome
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func parse(_ result: FetchResult) throws(PollFailure) -> Feed {
        let context = DocumentContext(url: result.effectiveURL ?? result.request.url, contentType: result.header("content-type"),
                                      contentLocation: result.header("content-location"), contentLanguage: result.header("content-language"))
        do {
            return try parser.parse(result.body, context: context)
        } catch {
            throw .parse(error)
        }
    }

    /// The entries not seen before, and the alerts they raise. On a feed's first poll the backlog is
    /// marked seen without alerting, unless the feed says otherwise.
    private func findNew(_ feed: Feed, feed config: FeedConfig, record: FeedRecord, now: Date) throws(PollFailure) -> ([EntryRecord], [NewAlert]) {
        // A GUID repeated inside one document is told apart by its position among the repeats.
        var occurrences: [String: Int] = [:]
        let identities = feed.entries.map { entry -> String in
            let count = occurrences[entry.identity, default: 0] + 1
            occurrences[entry.identity] = count
            return count == 1 ? entry.identity : "\(entry.identity)#\(count)"
        }
        let seen: Set<String>
        do {
            seen = try store.seenIdentities(feedURL: config.url, among: identities)
        } catch {
            // Without the seen-marks every entry would look new: the poll fails, and nothing is marked.
            throw .store(error)
        }
        let alerting = record.initialized || config.alertOnFirstPoll
        let keepText = running.config.settings.historyDays > 0
        var newEntries: [EntryRecord] = []
        var alerts: [NewAlert] = []
        for (entry, identity) in zip(feed.entries, identities) where !seen.contains(identity) {
            let article = Article(title: entry.title, summary: entry.distinctSummaryText, content: entry.contentText)
            let text = [article.title, article.summary, article.content].compactMap { $0 }.joined(separator: "\n")
            // The summary only when it is text of its own, as before summaries were filled from content.
            let ownSummary = entry.summaryIsContent ? "" : entry.summary ?? ""
            let digest = Digest.sha256Hex([entry.title ?? "", ownSummary, entry.content ?? ""].joined(separator: "\u{1F}"))
            newEntries.append(EntryRecord(feedURL: config.url, identity: identity, digest: digest, title: entry.title, link: entry.link,
                                          published: entry.published, text: keepText ? text : nil))
            guard alerting else { continue }
            let matches = running.engine.match(article).filter { running.applies($0.watchlist, to: config) }
            guard !matches.isEmpty else { continue }
            let entities = running.engine.entities(in: text)
            // Once per entry, however many watch-lists match it.
            let body = AlertBuilder.body(of: entry, plainText: article.content ?? article.summary)
            for match in matches {
                alerts.append(AlertBuilder.matchAlert(match, entry: entry, body: body, entities: entities, feedURL: config.url,
                                                      feedName: config.name, sinks: running.sinks(forWatchlist: match.watchlist), now: now))
            }
        }
        return (newEntries, alerts)
    }
}
