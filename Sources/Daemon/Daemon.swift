import Configuration
import CurlKit
import Foundation
import Logging
import Storage
import Synchronization

/// feedwatch's main job: polls every configured feed with one libcurl event loop, finds the new
/// entries, raises alerts through the entity core, and hands them to one dispatcher per sink.
/// `run()` goes on until `stop()`; `pollOnce()` polls every feed once and waits for the deliveries.
public final class Daemon: Sendable {
    public let configPath: String
    public let paths: StatePaths
    public let store: Store
    let logger: Logger
    let notifier: SystemdNotifier
    private let running: Mutex<RunningConfig>
    private let dispatchers = Mutex<[String: SinkDispatcher]>([:])
    private let control = Mutex((stopping: false, reloadRequested: false))
    private let wakeFetcher = Mutex<(@Sendable () -> Void)?>(nil)
    /// How soon a feed whose state could not be read is tried again.
    static let storeRetryDelay: TimeInterval = 60

    /// feedwatch's version, which the command line and the User-Agent show.
    public static let version = "0.2.0"
    public static let userAgent = "feedwatch/\(version) (+https://github.com/feedwatch/feedwatch)"
    /// Where secrets in variables and `$CREDENTIALS_DIRECTORY` are read from.
    private let environment: Secrets.Environment

    public init(configPath: String, stateOverride: String? = nil, logger: Logger,
                notifier: SystemdNotifier = SystemdNotifier(),
                environment: Secrets.Environment = ProcessInfo.processInfo.environment) throws {
        let config = try ConfigLoader.load(path: configPath)
        let paths = StatePaths.resolve(override: stateOverride, config: config)
        do {
            try FileManager.default.createDirectory(atPath: paths.directory, withIntermediateDirectories: true)
        } catch {
            throw PollError(description: "cannot create the state folder \(paths.directory): \(error.localizedDescription)")
        }
        self.configPath = configPath
        self.paths = paths
        self.logger = logger
        self.notifier = notifier
        self.environment = environment
        store = try Store(path: paths.database)
        running = Mutex(try RunningConfig(config))
        try registerFeeds(config)
    }

    var current: RunningConfig { running.withLock { $0 } }

    private func registerFeeds(_ config: FeedwatchConfig) throws {
        let now = Date()
        for feed in config.feeds {
            let interval = feed.interval ?? config.settings.interval
            try store.registerFeed(url: feed.url, name: feed.name,
                                   firstPoll: now.addingTimeInterval(Scheduler.spreadOffset(for: feed.url, interval: interval)))
        }
    }

    // MARK: Control, from signal handlers or tests

    public func stop() {
        control.withLock { $0.stopping = true }
        wakeFetcher.withLock { $0 }?()
    }

    public func requestReload() {
        control.withLock { $0.reloadRequested = true }
        wakeFetcher.withLock { $0 }?()
    }

    /// Reopens the log sinks' files (after logrotate moved them).
    public func reopenLogs() {
        for dispatcher in dispatchers.withLock({ Array($0.values) }) { dispatcher.reopen() }
    }

    var isStopping: Bool { control.withLock { $0.stopping } }

    // MARK: Running

    /// Polls until `stop()`. Reloads on `requestReload()` and when a configuration file changes.
    public func run() throws {
        let fetcher = try makeFetcher()
        startDispatchers()
        let config = current.config
        notifier.ready(status: "watching \(config.feeds.count) feeds with \(config.watchlists.count) watch-lists")
        logger.info("feedwatch started", metadata: ["feeds": "\(config.feeds.count)", "watchlists": "\(config.watchlists.count)",
                                                    "state": "\(paths.database)"])
        logSecretProblems(config)
        var fileStamps = stamps(of: current.config.files)
        var lastFileCheck = Date()
        /// When a configuration file last changed: it is reloaded once it has stayed the same for a
        /// whole check (2 s), so a file being written is not read half-way.
        var changedAt: Date?
        var lastWatchdog = Date.distantPast
        var lastPrune = Date.distantPast
        var inFlight: [String: String] = [:]  // fetch URL → configured URL
        var queue = try loadQueue()
        while !isStopping {
            if Date().timeIntervalSince(lastFileCheck) >= 2 {
                lastFileCheck = Date()
                let now = stamps(of: current.config.files)
                if now != fileStamps {
                    fileStamps = now
                    changedAt = Date()
                    logger.info("configuration file changed; reloading once it stays unchanged for 2 s")
                } else if changedAt != nil {
                    changedAt = nil
                    control.withLock { $0.reloadRequested = true }
                }
            }
            if control.withLock({ value in defer { value.reloadRequested = false }; return value.reloadRequested }) {
                reload()
                fileStamps = stamps(of: current.config.files)
                queue = (try? loadQueue(excluding: Set(inFlight.values))) ?? queue
            }
            if Date().timeIntervalSince(lastPrune) > 3600 {
                lastPrune = Date()
                prune()
            }
            var due: [String] = []
            while fetcher.inFlight + due.count < current.config.settings.concurrency, let url = queue.popDue(now: Date()) {
                due.append(url)
            }
            start(due, fetcher, inFlight: &inFlight, requeue: &queue)
            let wait = min(1, max(0.01, (queue.nextTime ?? .distantFuture).timeIntervalSinceNow))
            for result in fetcher.step(timeout: fetcher.inFlight > 0 ? 1 : wait) {
                if let outcome = finish(result, inFlight: &inFlight) { queue.insert(outcome.url, at: outcome.nextPoll) }
            }
            if let interval = notifier.watchdogInterval, Date().timeIntervalSince(lastWatchdog) >= interval {
                // The loop came round: it is not stuck. A hung loop stops pinging and systemd restarts it.
                notifier.watchdog()
                lastWatchdog = Date()
            }
        }
        notifier.stopping()
        logger.info("feedwatch stopping")
        stopDispatchers()
    }

    /// Polls every enabled feed once (whatever its schedule), then waits up to `deliveryTimeout` for
    /// the alerts to reach their sinks. Returns what happened, feed by feed.
    public func pollOnce(deliveryTimeout: TimeInterval = 30) throws -> [PollOutcome] {
        let fetcher = try makeFetcher()
        startDispatchers()
        defer { stopDispatchers() }
        var outcomes: [PollOutcome] = []
        var inFlight: [String: String] = [:]
        let paused = Set((try store.feeds()).filter { $0.pausedReason != nil }.map(\.url))
        var waiting = current.config.feeds.filter { $0.enabled && !paused.contains($0.url) }.map(\.url)[...]
        let deadline = Date().addingTimeInterval(max(current.config.settings.timeout * 3, 60))
        var unused = PollQueue()
        while !waiting.isEmpty || !inFlight.isEmpty, !isStopping, Date() < deadline {
            let slots = current.config.settings.concurrency - fetcher.inFlight
            if slots > 0, !waiting.isEmpty {
                let next = Array(waiting.prefix(slots))
                waiting = waiting.dropFirst(next.count)
                outcomes += start(next, fetcher, inFlight: &inFlight, requeue: &unused)
            }
            for result in fetcher.step(timeout: 1) {
                if let outcome = finish(result, inFlight: &inFlight) { outcomes.append(outcome) }
            }
        }
        waitForDeliveries(timeout: deliveryTimeout)
        return outcomes
    }

    private func makeFetcher() throws -> MultiFetcher {
        let settings = current.config.settings
        let fetcher = try MultiFetcher(maximumConnections: settings.concurrency, perHost: settings.perHost)
        nonisolated(unsafe) let unsafeFetcher = fetcher  // curl_multi_wakeup is thread-safe
        wakeFetcher.withLock { $0 = { unsafeFetcher.wakeUp() } }
        return fetcher
    }

    /// The feeds to poll, earliest first, from the store (at start and after a reload).
    private func loadQueue(excluding busy: Set<String> = []) throws -> PollQueue {
        let running = current
        var queue = PollQueue()
        for record in try store.feeds() where !busy.contains(record.url) && record.pausedReason == nil {
            guard let feed = running.feedsByURL[record.url], feed.enabled else { continue }
            queue.insert(record.url, at: record.nextPoll)
        }
        return queue
    }

    /// Starts transfers for these configured feeds. A transfer that cannot start completes at once:
    /// its outcome is returned (and, for the daemon, the feed goes back in the queue).
    @discardableResult
    private func start(_ urls: [String], _ fetcher: MultiFetcher, inFlight: inout [String: String],
                       requeue: inout PollQueue) -> [PollOutcome] {
        let running = current
        let settings = running.config.settings
        var immediate: [PollOutcome] = []
        for url in urls {
            guard let feed = running.feedsByURL[url], feed.enabled else { continue }  // removed or disabled
            let record: FeedRecord?
            let fetchURL: String
            do {
                record = try store.feed(url: url)
                fetchURL = try store.fetchURL(feed: url)
            } catch {
                // The feed stays scheduled: a locked or full database must not drop it until a reload.
                logger.error("cannot read the feed's state; trying again in a minute", metadata: ["feed": "\(url)", "error": "\(error)"])
                requeue.insert(url, at: Date().addingTimeInterval(Self.storeRetryDelay))
                continue
            }
            guard let record, record.pausedReason == nil else { continue }
            let request = FetchRequest(url: fetchURL, etag: record.etag, lastModified: record.lastModified, timeout: settings.timeout,
                                       connectTimeout: settings.connectTimeout, maximumBytes: settings.maximumBodyBytes,
                                       userAgent: Self.userAgent)
            inFlight[fetchURL] = url
            if let failed = fetcher.add(request), let outcome = finish(failed, inFlight: &inFlight) {
                immediate.append(outcome)
                requeue.insert(url, at: outcome.nextPoll)
            }
        }
        return immediate
    }

    @discardableResult
    private func finish(_ result: FetchResult, inFlight: inout [String: String]) -> PollOutcome? {
        guard let feedURL = inFlight.removeValue(forKey: result.request.url) else { return nil }
        let running = current
        guard let feed = running.feedsByURL[feedURL] else { return nil }  // removed by a reload meanwhile
        let record: FeedRecord
        do {
            guard let stored = try store.feed(url: feedURL) else { return nil }
            record = stored
        } catch {
            logger.error("cannot read the feed's state; trying again in a minute", metadata: ["feed": "\(feedURL)", "error": "\(error)"])
            return PollOutcome(url: feedURL, status: result.status, newEntries: 0, alerts: 0, error: "\(error)", notModified: false,
                               nextPoll: Date().addingTimeInterval(Self.storeRetryDelay))
        }
        let outcome = FeedProcessor(store: store, running: running, logger: logger).process(result, record: record, feed: feed)
        if outcome.alerts > 0 { pokeDispatchers() }
        return outcome
    }

    // MARK: Sinks

    private func startDispatchers() {
        let running = current
        dispatchers.withLock { dispatchers in
            for sink in running.config.sinks where dispatchers[sink.name]?.sink != sink {
                // The old one finishes its attempt first: two dispatchers of one sink would send its head twice.
                if let old = dispatchers[sink.name], !old.stopAndWait(timeout: old.attemptTimeout) {
                    logger.warning("a sink's previous delivery did not end in time", metadata: ["sink": "\(sink.name)"])
                }
                let dispatcher = SinkDispatcher(sink: sink, store: store, paths: paths, logger: logger, userAgent: Self.userAgent,
                                                environment: environment,
                                                maximumAge: running.config.settings.deliveryMaximumAge,
                                                retryDelays: running.config.settings.deliveryRetryDelays)
                dispatchers[sink.name] = dispatcher
                dispatcher.start()
            }
            for name in dispatchers.keys where !running.sinkNames.contains(name) {
                if let old = dispatchers.removeValue(forKey: name) { old.stopAndWait(timeout: old.attemptTimeout) }
            }
        }
    }

    /// Stops every sink and lets an attempt in flight end (each within its own timeout).
    private func stopDispatchers() {
        let stopping = dispatchers.withLock { dispatchers in defer { dispatchers.removeAll() }; return Array(dispatchers.values) }
        for dispatcher in stopping { dispatcher.stop() }
        for dispatcher in stopping { dispatcher.stopAndWait(timeout: dispatcher.attemptTimeout) }
    }

    private func pokeDispatchers() {
        for dispatcher in dispatchers.withLock({ Array($0.values) }) { dispatcher.poke() }
    }

    /// Waits until no delivery is due within `timeout` (those scheduled later are left to the next run).
    private func waitForDeliveries(timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let due = (try? store.pendingDeliveries())?.filter { $0.nextAttempt <= deadline } ?? []
            if due.isEmpty { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    // MARK: Reload and housekeeping

    /// Loads the configuration again; an invalid one is logged, with every error, and the running one kept.
    private func reload() {
        _ = reloadNow()
    }

    /// Reloads at once; false when the new configuration was rejected.
    func reloadNow() -> Bool {
        notifier.reloading()
        do {
            let config = try ConfigLoader.load(path: configPath)
            if let loss = Self.wholesaleLoss(from: current.config, to: config) {
                // A file cut short by an editor or a deploy tool must not stop all polling or alerting.
                logger.critical("configuration rejected: \(loss); keeping the running one (restart to run with it anyway)")
                notifier.ready(status: "configuration rejected (\(loss)); running the previous one")
                return false
            }
            let next = try RunningConfig(config)
            try registerFeeds(config)
            running.withLock { $0 = next }
            startDispatchers()
            logger.info("configuration reloaded", metadata: ["feeds": "\(config.feeds.count)", "watchlists": "\(config.watchlists.count)"])
            logSecretProblems(config)
            notifier.ready(status: "watching \(config.feeds.count) feeds with \(config.watchlists.count) watch-lists")
            return true
        } catch {
            logger.error("configuration rejected; keeping the running one", metadata: ["errors": "\(error)"])
            notifier.ready(status: "configuration rejected; running the previous one")
            return false
        }
    }

    /// What a new configuration would drop wholesale: every feed, or every watch-list, of the running one.
    static func wholesaleLoss(from running: FeedwatchConfig, to next: FeedwatchConfig) -> String? {
        if next.feeds.isEmpty, !running.feeds.isEmpty { return "it lists no feeds, where the running one has \(running.feeds.count)" }
        if next.watchlists.isEmpty, !running.watchlists.isEmpty {
            return "it has no watch-lists, where the running one has \(running.watchlists.count)"
        }
        return nil
    }

    /// A secret that cannot be read is said at once, not at the first alert (which would wait for it).
    /// Under systemd a credential is copied when the service starts: one added later needs a restart.
    private func logSecretProblems(_ config: FeedwatchConfig) {
        for finding in SecretAudit.audit(config, environment: environment) {
            logger.warning("\(finding.message)")
        }
    }

    private func prune() {
        let days = current.config.settings.historyDays
        do {
            let pruned = try store.pruneEntryText(olderThan: Date().addingTimeInterval(-Double(days) * 86_400))
            if pruned > 0 { logger.info("pruned old entry text", metadata: ["entries": "\(pruned)"]) }
        } catch {
            logger.error("cannot prune old entries", metadata: ["error": "\(error)"])
        }
    }

    private func stamps(of files: [String]) -> [String: Date] {
        var result: [String: Date] = [:]
        for file in files {
            result[file] = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? .distantPast
        }
        return result
    }
}
