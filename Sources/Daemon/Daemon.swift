import Configuration
import CurlKit
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// feedwatch's main job, as a `ServiceGroup` of services with managed lifetimes (see `run()`):
/// polling (libcurl's thread handing results to bounded parallel processing), one worker per sink,
/// the configuration watcher, the systemd watchdog and the metrics/health endpoint.
/// `pollOnce()` runs the same polling and sinks once over every feed.
public final class Daemon: Sendable {
    public let configPath: String
    public let paths: StatePaths
    public let store: any StateStore
    public let metrics = DaemonMetrics()
    let logger: Logger
    let notifier: SystemdNotifier
    let environment: Secrets.Environment
    private let running: Mutex<RunningConfig>
    let sinks: SinkSupervisor
    /// The fetch loop of the running poller, for reloads and health.
    let activeLoop = Mutex<FetchLoop?>(nil)
    let reloads: AsyncStream<ReloadRequest>
    let reloadSink: AsyncStream<ReloadRequest>.Continuation
    private let group = Mutex<ServiceGroup?>(nil)
    private let stopRequested = Mutex(false)
    /// Rung when a reload changed the list of configuration files (an include added or removed).
    let watchedFilesChanged = Doorbell()
    /// True once the configuration files are watched.
    let watchingFiles = Mutex(false)
    /// The port `/metrics` and `/healthz` are listening on, once they are.
    public let operationsPort = Mutex<Int?>(nil)

    /// `run --metrics`: where the endpoint listens whatever the configuration says (`.some(nil)`: off).
    public let operationsOverride: ListenAddress??
    /// This process among the instances sharing a database.
    public let instance: InstanceRecord
    /// On a shared database due feeds are claimed a quarter of the transfer slots at a time, which
    /// costs a round trip per batch instead of one per feed; alone, each feed starts once it is due.
    var claimBatch: Int { store is any LeaseStore ? max(1, current.config.settings.concurrency / 4) : 1 }

    /// How long a feed's lease lasts: a poll's transfer and processing end well within it.
    var leaseDuration: TimeInterval { current.config.settings.leaseTime ?? current.config.settings.timeout * 2 + 60 }

    /// How soon a feed whose state could not be read or saved is tried again.
    static let storeRetryDelay: TimeInterval = 60
    /// Longest a stop waits for processing and deliveries in flight (the unit's TimeoutStopSec is 20 s).
    static let shutdownGrace: Swift.Duration = .seconds(15)

    /// feedwatch's version, which the command line and the User-Agent show.
    public static let version = "0.2.0"
    public static let userAgent = "feedwatch/\(version) (+https://github.com/feedwatch/feedwatch)"

    public init(configPath: String, stateOverride: String? = nil, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
                environment: Secrets.Environment = ProcessInfo.processInfo.environment, store: (any StateStore)? = nil,
                operationsOverride: ListenAddress?? = nil) throws {
        self.operationsOverride = operationsOverride
        let config = try ConfigLoader.load(path: configPath)
        let paths = StatePaths.resolve(override: stateOverride, config: config)
        let store = try store ?? StoreChoice.open(config, paths: paths, environment: environment)
        let host = ProcessInfo.processInfo.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let instance = InstanceRecord(id: "\(host):\(pid):\(UUID().uuidString.prefix(8).lowercased())", host: host, pid: pid,
                                      started: Date(), lastSeen: Date())
        self.instance = instance
        let metrics = self.metrics
        self.configPath = configPath
        self.paths = paths
        self.logger = logger
        self.notifier = notifier
        self.environment = environment
        self.store = store
        running = Mutex(try RunningConfig(config))
        sinks = SinkSupervisor { sink, settings in
            SinkWorker(sink: sink, store: store, paths: paths, logger: logger, userAgent: Self.userAgent, environment: environment,
                       settings: settings, metrics: metrics, owner: instance.id)
        }
        (reloads, reloadSink) = AsyncStream.makeStream(of: ReloadRequest.self)
        try registerFeeds(config)
        // A command sink's program that exits without reading its input must not take the process with
        // it. A handler rather than SIG_IGN: an ignored signal would stay ignored in the programs run.
        signal(SIGPIPE) { _ in }
    }

    var current: RunningConfig { running.withLock { $0 } }
    func replaceRunning(_ next: RunningConfig) { running.withLock { $0 = next } }

    func registerFeeds(_ config: FeedwatchConfig) throws(StoreError) {
        let now = Date()
        try store.registerFeeds(config.feeds.map { feed in
            let interval = feed.interval ?? config.settings.interval
            return FeedRegistration(url: feed.url, name: feed.name,
                                    firstPoll: now.addingTimeInterval(Scheduler.spreadOffset(for: feed.url, interval: interval)))
        })
    }

    // MARK: Control

    /// Begins a graceful shutdown of `run()` (as SIGTERM does).
    public func stop() async {
        stopRequested.withLock { $0 = true }
        if let group = group.withLock({ $0 }) { await group.triggerGracefulShutdown() }
    }

    /// Asks for a reload (as SIGHUP does); it happens on the reload service, in turn with any other.
    public func requestReload() { reloadSink.yield(.requested) }

    /// Reopens the log sinks' files (after logrotate moved them).
    public func reopenLogs() { sinks.reopenLogs() }

    // MARK: Running

    /// Runs until SIGTERM, SIGINT or `stop()`; SIGHUP and a changed configuration file reload it.
    public func run(handleSignals: Bool = true) async throws {
        let config = current.config
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DaemonService("sinks") { try await self.runSinks() }),
            .init(service: DaemonService("polling") { try await self.runPolling() }),
            .init(service: DaemonService("configuration") { await self.runReloads(handleSignals: handleSignals) }),
            .init(service: DaemonService("housekeeping") { await self.runHousekeeping() }),
            .init(service: DaemonService("watchdog") { await self.runWatchdog() }),
        ]
        if let address = operationsOverride ?? config.settings.operationsListen {
            services.append(.init(service: OperationsEndpoint(
                address: address, health: { await Offload.run { self.health() } },
                metrics: { await Offload.run { self.scrape() } },
                onListening: { port in self.operationsPort.withLock { $0 = port } }, logger: logger)))
        }
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                                                      logger: logger)
        configuration.maximumGracefulShutdownDuration = Self.shutdownGrace
        let serviceGroup = ServiceGroup(configuration: configuration)
        group.withLock { $0 = serviceGroup }
        defer { group.withLock { $0 = nil } }
        logger.info("feedwatch started", metadata: ["feeds": "\(config.feeds.count)", "watchlists": "\(config.watchlists.count)",
                                                    "state": "\(paths.database)"])
        logSecretProblems(config)
        // Until the reload service traps SIGHUP, its default action would end the process: a
        // `systemctl reload` right after READY must not kill the daemon.
        if handleSignals { signal(SIGHUP, SIG_IGN) }
        notifier.ready(status: "watching \(config.feeds.count) feeds with \(config.watchlists.count) watch-lists")
        if stopRequested.withLock({ $0 }) { return }
        try await serviceGroup.run()
        logger.info("feedwatch stopped")
    }

    /// The sink workers: started at once, replaced on reload, stopped last (after polling has drained).
    private func runSinks() async throws {
        await sinks.update(to: current.routes.sinks, settings: current.config.settings)
        try? await gracefulShutdown()  // throws only when cancelled, which ends the service all the same
        await sinks.stopAll()
        releaseLeases()  // polling has drained by now: it stops before the sinks
    }

    /// On a shared database: gives every lease back at a clean stop, so the others poll at once.
    func releaseLeases() {
        guard let leases = store as? any LeaseStore else { return }
        do {
            try leases.releaseAll(owner: instance.id)
        } catch {
            logger.warning("cannot release this instance's leases; they lapse by themselves", metadata: ["error": "\(error)"])
        }
    }

    /// Fetching and processing, until shutdown; then in-flight processing is finished and stored.
    private func runPolling() async throws {
        let settings = current.config.settings
        let loop = FetchLoop(queue: PollQueue(), maximumTransfers: settings.concurrency, perHost: settings.perHost,
                             maximumOutstanding: settings.concurrency + 2 * Self.processingWidth, minimumBatch: claimBatch, oneShot: false,
                             idleWake: notifier.watchdogInterval.map { min(FetchLoop.idleWake, $0 / 2) } ?? FetchLoop.idleWake,
                             prepare: { self.prepare($0, oneShot: false).map(\.forLoop) })
        activeLoop.withLock { $0 = loop }
        defer { activeLoop.withLock { $0 = nil } }
        // Loaded once the loop is reachable: a reload meanwhile replaces this queue, not a lost one.
        loop.replaceQueue(try loadQueue(for: current).entries)
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await loop.run() }
                group.addTask { await self.process(loop.results, loop: loop, collect: nil) }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.notifier.stopping()
            self.logger.info("feedwatch stopping: finishing the polls in hand")
            loop.stop()
        }
    }

    /// Polls every enabled feed once, however long that takes, then waits up to `deliveryTimeout`
    /// for the alerts to reach their sinks. Returns what happened, feed by feed.
    public func pollOnce(deliveryTimeout: TimeInterval = 30) async throws -> [PollOutcome] {
        heartbeat()
        // On a shared database, a long run stays listed among the live instances (`feedwatch status`).
        let heartbeats = Task { [self] in
            while (try? await Task.sleep(for: .seconds(Self.sharedHousekeepingInterval))) != nil { heartbeat() }
        }
        defer { heartbeats.cancel() }
        await sinks.update(to: current.routes.sinks, settings: current.config.settings)
        let settings = current.config.settings
        let paused = Set(try store.feeds().filter { $0.pausedReason != nil }.map(\.url))
        var queue = PollQueue()
        for feed in current.config.feeds where feed.enabled && !paused.contains(feed.url) { queue.insert(feed.url, at: .distantPast) }
        let collected = OutcomeCollector()
        let started = Date()
        let loop = FetchLoop(queue: queue, maximumTransfers: settings.concurrency, perHost: settings.perHost,
                             maximumOutstanding: settings.concurrency + 2 * Self.processingWidth, minimumBatch: claimBatch, oneShot: true,
                             idleWake: FetchLoop.idleWake, prepare: { urls in
                                 self.prepare(urls, oneShot: true, started: started).map { preparation in
                                     if case .failed(let outcome) = preparation { collected.append(outcome) }
                                     return preparation.forLoop
                                 }
                             })
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await loop.run() }
                group.addTask { await self.process(loop.results, loop: loop, collect: collected) }
                try await group.waitForAll()
            }
        } catch {
            await sinks.stopAll()
            throw error
        }
        await waitForDeliveries(timeout: deliveryTimeout)
        await sinks.stopAll()
        releaseLeases()
        return collected.outcomes
    }

    /// The feeds to poll, earliest first, from the store (at start and after a reload).
    func loadQueue(for running: RunningConfig) throws(StoreError) -> PollQueue {
        var queue = PollQueue()
        for record in try store.feeds() where record.pausedReason == nil {
            guard let feed = running.feedsByURL[record.url], feed.enabled else { continue }
            queue.insert(record.url, at: record.nextPoll)
        }
        return queue
    }

    /// Waits until no delivery is due within `timeout` (those scheduled later are left to the next run).
    private func waitForDeliveries(timeout: TimeInterval) async {
        let deadline = Date().addingTimeInterval(timeout)
        let queues = current.routes.sinks.map(\.name)
        while Date() < deadline {
            // Each queue's head only: a queue goes in order, so nothing behind a head that is not due
            // before the deadline can be delivered before it (and reading every pending row, every
            // 50 ms, made draining N alerts cost N²).
            let heads = await Offload.run { [store] in
                Result { () throws(StoreError) in
                    var heads: [Delivery] = []
                    for queue in queues { if let head = try store.nextDelivery(sink: queue) { heads.append(head) } }
                    return heads
                }
            }
            let due: [Delivery]
            switch heads {
            case .success(let found): due = found.filter { $0.nextAttempt <= deadline }
            case .failure(let error):
                logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
                return
            }
            if due.isEmpty { return }
            do { try await Task.sleep(for: .milliseconds(50)) } catch { return }  // cancelled: stop waiting
        }
    }

    /// A secret that cannot be read is said at once, not at the first alert (which would wait for it).
    func logSecretProblems(_ config: FeedwatchConfig) {
        for finding in SecretAudit.audit(config, environment: environment) {
            logger.warning("\(finding.message)")
        }
    }
}

/// The outcomes of `pollOnce`, gathered from the processing tasks.
final class OutcomeCollector: Sendable {
    private let gathered = Mutex<[PollOutcome]>([])
    func append(_ outcome: PollOutcome) { gathered.withLock { $0.append(outcome) } }
    var outcomes: [PollOutcome] { gathered.withLock { $0 } }
}

/// Why a reload was asked for.
enum ReloadRequest: Sendable {
    /// SIGHUP or `requestReload()`: at once.
    case requested
    /// A watched file changed: once it has stayed the same for a while.
    case fileChanged
}

/// A service made of one closure, named for the logs.
struct DaemonService: Service, CustomStringConvertible {
    let description: String
    let body: @Sendable () async throws -> Void

    init(_ name: String, _ body: @escaping @Sendable () async throws -> Void) {
        description = name
        self.body = body
    }

    func run() async throws { try await body() }
}
