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
    public var error: String?
    public var notModified: Bool
    /// When the feed is due again (as saved in the store).
    public var nextPoll: Date
}

/// Handles one finished fetch: updates the feed's validators, status and schedule, parses the
/// document, finds the entries not seen before, runs them through the entity core, and stores the
/// seen-marks and the alerts together in one transaction.
struct FeedProcessor {
    let store: Store
    let running: RunningConfig
    let logger: Logger
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

        let failure: String?
        switch result.status {
        case _ where result.error != nil && !(200..<300).contains(result.status):
            failure = result.error
        case 304:
            outcome.notModified = true
            failure = nil
        case 200..<300 where result.error != nil:
            failure = result.error
        case 200..<300:
            do {
                let parsed = try parse(result)
                if parsed.bozo { log.notice("feed recovered from a malformed document", metadata: ["reason": "\(parsed.bozoReason ?? "")"]) }
                hints.ttlMinutes = parsed.ttlMinutes
                (entries, alerts) = findNew(parsed, feed: feed, record: record, now: now)
                record.etag = result.header("etag")
                record.lastModified = result.header("last-modified")
                failure = nil
            } catch {
                failure = "\(error)"
            }
        case 410:
            record.pausedReason = "the server answered 410 Gone: the feed was removed; polling is paused until the URL changes"
            log.warning("feed paused", metadata: ["reason": "\(record.pausedReason ?? "")"])
            failure = "HTTP 410 Gone"
        case 429, 503:
            hints.retryAfter = result.header("retry-after").flatMap { RetryAfter.seconds($0) }
            failure = "HTTP \(result.status)"
        default:
            failure = result.status == 0 ? (result.error ?? "no response") : "HTTP \(result.status)"
        }

        if let failure {
            record.consecutiveFailures += 1
            record.lastError = failure
            outcome.error = failure
            log.warning("poll failed", metadata: ["error": "\(failure)", "failures": "\(record.consecutiveFailures)"])
            let hoursWithoutSuccess = now.timeIntervalSince(record.lastSuccess ?? record.lastAttempt ?? now) / 3600
            let longFailing = settings.failureAlertHours.map { hoursWithoutSuccess >= $0 } ?? false
            if record.consecutiveFailures >= settings.failureAlertAfter || longFailing, !record.unhealthy {
                record.unhealthy = true
                alerts.append(AlertBuilder.healthAlert(failing: true, feedURL: feed.url, feedName: feed.name, problem: failure,
                                                       episode: record.lastSuccess ?? .distantPast, sinks: running.sinkNames, now: now))
            }
        } else {
            if record.unhealthy {
                alerts.append(AlertBuilder.healthAlert(failing: false, feedURL: feed.url, feedName: feed.name, problem: record.lastError,
                                                       episode: record.lastSuccess ?? .distantPast, sinks: running.sinkNames, now: now))
                record.unhealthy = false
            }
            record.consecutiveFailures = 0
            record.lastError = nil
            record.lastSuccess = now
            record.initialized = true
        }
        record.nextPoll = scheduler.nextPoll(after: now, interval: running.interval(for: feed), failures: record.consecutiveFailures, hints: hints)
        // The schedule holds even if storing fails below: a full disk must not turn into re-polling at once.
        outcome.nextPoll = record.nextPoll
        do {
            let raised = try store.commit(entries: entries, alerts: alerts, at: now)
            try store.saveFeed(record)
            outcome.newEntries = entries.count
            outcome.alerts = raised.count
            for alert in raised {
                log.info("alert raised", metadata: ["watchlist": "\(alert.watchlist)", "alert": "\(alert.id)"])
            }
            // A move is kept only when the chain ended in a feed that was read: a redirect loop, or a
            // 301 to a 404, must not re-point the feed at wherever it stopped.
            if failure == nil, result.movedPermanently, let moved = result.effectiveURL, moved != result.request.url {
                log.notice("feed moved permanently; polling the new URL from now on", metadata: ["to": "\(moved)"])
                try store.setFetchURL(feed: feed.url, to: moved)
            }
        } catch {
            // Nothing of this poll was kept, so the next poll sees the same entries as new again.
            outcome.error = "\(error)"
            log.error("cannot store the poll", metadata: ["error": "\(error)"])
        }
        return outcome
    }

    private func parse(_ result: FetchResult) throws -> Feed {
        let context = DocumentContext(url: result.effectiveURL ?? result.request.url, contentType: result.header("content-type"),
                                      contentLocation: result.header("content-location"), contentLanguage: result.header("content-language"))
        do {
            return try parser.parse(result.body, context: context)
        } catch {
            throw PollError(description: "\(result.request.url): \(error.message)")
        }
    }

    /// The entries not seen before, and the alerts they raise. On a feed's first poll the backlog is
    /// marked seen without alerting, unless the feed says otherwise.
    private func findNew(_ feed: Feed, feed config: FeedConfig, record: FeedRecord, now: Date) -> ([EntryRecord], [NewAlert]) {
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
            logger.error("cannot read seen entries", metadata: ["feed": "\(config.url)", "error": "\(error)"])
            return ([], [])
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

struct PollError: Error, CustomStringConvertible {
    let description: String
}
