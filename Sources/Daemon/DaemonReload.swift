import Configuration
import Foundation
import ServiceLifecycle
import Storage
import UnixSignals

/// Reloading: SIGHUP, `requestReload()` and changed configuration files all come through one stream,
/// so reloads happen one at a time. A changed file is read once it has stayed the same for
/// `settleTime`: an editor or a deploy tool writing it must not be caught half-way.
extension Daemon {
    static let settleTime: Swift.Duration = .seconds(2)
    /// Where inotify is unavailable, how often the files' stamps are compared instead.
    static let stampInterval: Swift.Duration = .seconds(5)

    func runReloads(handleSignals: Bool) async {
        await withTaskGroup(of: Void.self) { group in
            if handleSignals {
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        self.reopenLogs()
                        self.requestReload()
                    }
                }
            }
            group.addTask { await self.watchFiles() }
            group.addTask {
                var applied = ConfigWatcher.stamps(of: self.current.config.files)
                for await request in self.reloads.cancelOnGracefulShutdown() {
                    if case .fileChanged = request {
                        guard let settled = await self.settledStamps(), settled != applied else { continue }
                    }
                    let filesBefore = self.current.config.files
                    await self.reloadNow()
                    applied = ConfigWatcher.stamps(of: self.current.config.files)
                    if self.current.config.files != filesBefore { self.watchedFilesChanged.ring() }
                }
            }
            // The reload loop ends at shutdown; the watchers then have nothing to report to.
            await group.next()
            group.cancelAll()
        }
    }

    /// The files' stamps once they have not changed for `settleTime`; nil when shutting down.
    private func settledStamps() async -> [String: ConfigWatcher.Stamp]? {
        var before = ConfigWatcher.stamps(of: current.config.files)
        logger.info("configuration file changed; reloading once it stays unchanged for 2 s")
        while true {
            do {
                try await Task.sleep(for: Self.settleTime)
            } catch {
                return nil
            }
            let now = ConfigWatcher.stamps(of: current.config.files)
            if now == before { return now }
            before = now
        }
    }

    /// Reports file changes into `reloads`: inotify, or stamp comparison where inotify is missing.
    private func watchFiles() async {
        while !Task.isCancelled {
            let files = current.config.files
            let watcher = ConfigWatcher(files: files)
            watchingFiles.withLock { $0 = true }
            if watcher.isWatching {
                // Until a reload adds or removes an include: then the folders are watched anew.
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { for await _ in watcher.changes { self.requestFileReload() } }
                    group.addTask { while self.current.config.files == files, !Task.isCancelled {
                        await self.watchedFilesChanged.wait(timeout: .seconds(3600))
                    } }
                    await group.next()
                    group.cancelAll()
                }
            } else {
                var stamps = ConfigWatcher.stamps(of: files)
                while !Task.isCancelled, current.config.files == files {
                    do { try await Task.sleep(for: Self.stampInterval) } catch { return }
                    let now = ConfigWatcher.stamps(of: files)
                    if now != stamps { requestFileReload() }
                    stamps = now
                }
            }
        }
    }

    private func requestFileReload() { reloadSink.yield(.fileChanged) }

    /// Loads the configuration again. An invalid one, or one that would drop every feed or every
    /// watch-list, is logged and the running one kept. False when the new configuration was rejected.
    @discardableResult
    func reloadNow() async -> Bool {
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
            // Read before the swap: a store error here rejects the reload whole, not half-applied.
            let queue = try loadQueue(for: next)
            replaceRunning(next)
            activeLoop.withLock { $0 }?.replaceQueue(queue.entries)
            await sinks.update(to: next.routes.sinks, settings: config.settings)
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

    /// How often an instance on a shared database says it is alive.
    static let sharedHousekeepingInterval: TimeInterval = 15

    /// Drops old entries' text once an hour (their identities stay, so they never alert again), and,
    /// on a shared database, says every 15 s that this instance is alive.
    func runHousekeeping() async {
        var lastPrune = Date.distantPast
        let shared = store is any LeaseStore
        while !Task.isShuttingDownGracefully {
            heartbeat()
            if Date().timeIntervalSince(lastPrune) >= 3600 {
                lastPrune = Date()
                let days = current.config.settings.historyDays
                do {
                    let pruned = try store.pruneEntryText(olderThan: Date().addingTimeInterval(-Double(days) * 86_400))
                    if pruned > 0 { logger.info("pruned old entry text", metadata: ["entries": "\(pruned)"]) }
                } catch {
                    logger.error("cannot prune old entries", metadata: ["error": "\(error)"])
                }
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(shared ? Self.sharedHousekeepingInterval : 3600)) }
            } catch {
                return
            }
        }
    }

    func heartbeat() {
        guard let leases = store as? any LeaseStore else { return }
        var alive = instance
        alive.lastSeen = Date()
        do {
            try leases.heartbeat(alive)
        } catch {
            logger.warning("cannot record this instance as alive", metadata: ["error": "\(error)"])
        }
    }
}
