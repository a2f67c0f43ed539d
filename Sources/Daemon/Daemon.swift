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
    public static let userAgent = "feedwatch/0.1.0 (+https://github.com/feedwatch/feedwatch)"

    public init(configPath: String, stateOverride: String? = nil, logger: Logger,
                notifier: SystemdNotifier = SystemdNotifier()) throws {
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
        var fileStamps = stamps(of: current.config.files)
        var lastFileCheck = Date()
        var lastWatchdog = Date.distantPast
        var lastPrune = Date.distantPast
        var inFlight: [String: String] = [:]  // fetch URL → configured URL
        while !isStopping {
            if Date().timeIntervalSince(lastFileCheck) >= 2 {
                lastFileCheck = Date()
                let now = stamps(of: current.config.files)
                if now != fileStamps {
                    fileStamps = now
                    logger.info("configuration file changed")
                    control.withLock { $0.reloadRequested = true }
                }
            }
            if control.withLock({ value in defer { value.reloadRequested = false }; return value.reloadRequested }) {
                reload()
                fileStamps = stamps(of: current.config.files)
            }
            if Date().timeIntervalSince(lastPrune) > 3600 {
                lastPrune = Date()
                prune()
            }
            startDueTransfers(fetcher, inFlight: &inFlight, force: false)
            for result in fetcher.step(timeout: 1) {
                finish(result, inFlight: &inFlight)
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
        var pending = Set(current.config.feeds.filter(\.enabled).map(\.url)).subtracting(paused)
        let deadline = Date().addingTimeInterval(max(current.config.settings.timeout * 3, 60))
        startDueTransfers(fetcher, inFlight: &inFlight, force: true, only: pending)
        while !pending.isEmpty, !isStopping, Date() < deadline {
            for result in fetcher.step(timeout: 1) {
                if let outcome = finish(result, inFlight: &inFlight) {
                    outcomes.append(outcome)
                    pending.remove(outcome.url)
                }
            }
            startDueTransfers(fetcher, inFlight: &inFlight, force: true, only: pending.subtracting(inFlight.values))
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

    private func startDueTransfers(_ fetcher: MultiFetcher, inFlight: inout [String: String], force: Bool, only: Set<String>? = nil) {
        let running = current
        let settings = running.config.settings
        let slots = settings.concurrency - fetcher.inFlight
        guard slots > 0 else { return }
        let now = Date()
        let records: [FeedRecord]
        do {
            records = try store.feeds()
        } catch {
            logger.error("cannot read feed state", metadata: ["error": "\(error)"])
            return
        }
        let busy = Set(inFlight.values)
        let due = records.filter { record in
            guard let feed = running.feedsByURL[record.url], feed.enabled, record.pausedReason == nil, !busy.contains(record.url) else {
                return false
            }
            if let only, !only.contains(record.url) { return false }
            return force || record.nextPoll <= now
        }.sorted { $0.nextPoll < $1.nextPoll }.prefix(slots)
        for record in due {
            let fetchURL = (try? store.fetchURL(feed: record.url)) ?? record.url
            let request = FetchRequest(url: fetchURL, etag: record.etag, lastModified: record.lastModified, timeout: settings.timeout,
                                       connectTimeout: settings.connectTimeout, maximumBytes: settings.maximumBodyBytes,
                                       userAgent: Self.userAgent)
            inFlight[fetchURL] = record.url
            if let immediate = fetcher.add(request) { finish(immediate, inFlight: &inFlight) }
        }
    }

    @discardableResult
    private func finish(_ result: FetchResult, inFlight: inout [String: String]) -> PollOutcome? {
        guard let feedURL = inFlight.removeValue(forKey: result.request.url) else { return nil }
        let running = current
        guard let feed = running.feedsByURL[feedURL], let record = try? store.feed(url: feedURL) else { return nil }
        let outcome = FeedProcessor(store: store, running: running, logger: logger).process(result, record: record, feed: feed)
        if outcome.alerts > 0 { pokeDispatchers() }
        return outcome
    }

    // MARK: Sinks

    private func startDispatchers() {
        let running = current
        dispatchers.withLock { dispatchers in
            for sink in running.config.sinks where dispatchers[sink.name]?.sink != sink {
                dispatchers[sink.name]?.stop()
                let dispatcher = SinkDispatcher(sink: sink, store: store, paths: paths, logger: logger, userAgent: Self.userAgent,
                                                maximumAge: running.config.settings.deliveryMaximumAge)
                dispatchers[sink.name] = dispatcher
                dispatcher.start()
            }
            for name in dispatchers.keys where !running.sinkNames.contains(name) {
                dispatchers.removeValue(forKey: name)?.stop()
            }
        }
    }

    private func stopDispatchers() {
        for dispatcher in dispatchers.withLock({ dispatchers in defer { dispatchers.removeAll() }; return Array(dispatchers.values) }) {
            dispatcher.stop()
        }
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
            let next = try RunningConfig(config)
            try registerFeeds(config)
            running.withLock { $0 = next }
            startDispatchers()
            logger.info("configuration reloaded", metadata: ["feeds": "\(config.feeds.count)", "watchlists": "\(config.watchlists.count)"])
            notifier.ready(status: "watching \(config.feeds.count) feeds with \(config.watchlists.count) watch-lists")
            return true
        } catch {
            logger.error("configuration rejected; keeping the running one", metadata: ["errors": "\(error)"])
            notifier.ready(status: "configuration rejected; running the previous one")
            return false
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
