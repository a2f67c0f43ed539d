import CurlKit
import Foundation
import Synchronization

/// The one thread libcurl's multi interface runs on. It keeps the poll queue, starts the transfers of
/// due feeds, sleeps in `curl_multi_poll` until a socket, a libcurl timer or the next due feed needs
/// it (no fixed tick), and hands every finished transfer to the processing side through `results`.
/// A feed leaves the queue when its transfer starts and comes back through `finished(feed:nextPoll:)`
/// once its result is processed, so each feed is polled and processed strictly one poll at a time.
final class FetchLoop: Sendable {
    /// A finished transfer of a configured feed.
    struct Fetched: Sendable {
        var feedURL: String
        var result: FetchResult
    }

    /// What to do with a due feed, decided by the daemon (it reads, or claims, the feed's state).
    enum Preparation: Sendable {
        case fetch(FetchRequest)
        /// Removed, disabled or paused: it leaves the queue.
        case skip
        /// Its state could not be read: it goes back in the queue for `Date`.
        case later(Date)
    }

    private enum Command {
        case finished(feed: String, nextPoll: Date?)
        case replaceQueue([(url: String, due: Date)])
        case stop
    }

    private struct Inbox {
        var commands: [Command] = []
        var heartbeat = Date()
    }

    let results: AsyncStream<Fetched>
    private let resultSink: AsyncStream<Fetched>.Continuation
    private let inbox = Mutex(Inbox())
    /// Set once the thread has its multi handle. (An object, not a closure: a closure kept in a Mutex
    /// gains a reabstraction thunk at every `withLock`, and calling it grows slower each time.)
    private let waker = Mutex<FetcherWaker?>(nil)
    private let prepare: @Sendable ([String]) -> [Preparation]
    private let maximumTransfers: Int
    private let perHost: Int
    /// Feeds started and not yet processed; bounds the results waiting in `results`.
    private let maximumOutstanding: Int
    /// The fewest feeds prepared at once while transfers are running (1: each as soon as it is due).
    private let minimumBatch: Int
    /// Stop once the queue is empty and every feed is processed (`poll --once`).
    private let oneShot: Bool
    private let initialQueue: PollQueue
    private let idleWakeInterval: TimeInterval

    init(queue: PollQueue, maximumTransfers: Int, perHost: Int, maximumOutstanding: Int, minimumBatch: Int = 1, oneShot: Bool,
         idleWake: TimeInterval, prepare: @escaping @Sendable ([String]) -> [Preparation]) {
        self.minimumBatch = max(1, min(minimumBatch, maximumTransfers))
        idleWakeInterval = idleWake
        (results, resultSink) = AsyncStream.makeStream(of: Fetched.self)
        initialQueue = queue
        self.maximumTransfers = maximumTransfers
        self.perHost = perHost
        self.maximumOutstanding = max(maximumOutstanding, maximumTransfers)
        self.oneShot = oneShot
        self.prepare = prepare
    }

    /// When the loop last came round; it comes round at least every `idleWake` seconds.
    var heartbeat: Date { inbox.withLock { $0.heartbeat } }
    var idleWake: TimeInterval { idleWakeInterval }
    /// With nothing to do, the loop still wakes this often, so the watchdog and `/healthz` see it alive.
    static let idleWake: TimeInterval = 30

    /// A feed's result was processed: it is due again at `nextPoll` (nil: it leaves the queue).
    func finished(feed: String, nextPoll: Date?) { send(.finished(feed: feed, nextPoll: nextPoll)) }

    /// After a reload: the feeds to poll from now on. Those started and not yet processed are left
    /// out here; they come back through `finished`, if they are still configured.
    func replaceQueue(_ feeds: [(url: String, due: Date)]) { send(.replaceQueue(feeds)) }

    func stop() { send(.stop) }

    private func send(_ command: Command) {
        inbox.withLock { $0.commands.append(command) }
        waker.withLock { $0 }?.wake()
    }

    /// Runs the loop on its own thread until `stop()` (or, one-shot, until every feed is done), and
    /// returns once that thread has ended. Cancelling the calling task stops it too.
    func run() async throws(CurlError) {
        let fetcher = try MultiFetcher(maximumConnections: maximumTransfers, perHost: perHost)
        nonisolated(unsafe) let threadFetcher = fetcher  // used by the loop's thread alone; wakeUp is thread-safe
        waker.withLock { $0 = FetcherWaker(fetcher) }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    loop(threadFetcher)
                    ended.resume()
                }
                thread.name = "feedwatch-fetch"
                thread.start()
            }
        } onCancel: {
            stop()
        }
        waker.withLock { $0 = nil }
    }

    private func loop(_ fetcher: MultiFetcher) {
        defer { resultSink.finish() }
        var queue = initialQueue
        var outstanding = Set<String>()  // configured URLs started and not yet processed
        var inFlight = Set<String>()  // configured URLs whose transfer is running
        while true {
            let commands = inbox.withLock { inbox in
                inbox.heartbeat = Date()
                defer { inbox.commands.removeAll() }
                return inbox.commands
            }
            for command in commands {
                switch command {
                case .stop: return
                case .replaceQueue(let feeds):
                    // A feed the loop already holds keeps its time: the store's may be older than a
                    // result processed since it was read.
                    let held = Dictionary(queue.entries.map { ($0.url, $0.due) }, uniquingKeysWith: min)
                    queue.removeAll()
                    for feed in feeds where !outstanding.contains(feed.url) { queue.insert(feed.url, at: held[feed.url] ?? feed.due) }
                case .finished(let feed, let nextPoll):
                    outstanding.remove(feed)
                    if let nextPoll, !oneShot { queue.insert(feed, at: nextPoll) }
                }
            }
            if oneShot, queue.count == 0, outstanding.isEmpty { return }
            // The due feeds are prepared in batches as large as the free transfer slots, so a shared
            // database is asked once per batch rather than once per feed. With transfers running, a
            // batch waits until `minimumBatch` slots are free: one ends soon and wakes the loop.
            var postponed: [(String, Date)] = []
            func room() -> Int { min(maximumTransfers - fetcher.inFlight, maximumOutstanding - outstanding.count) }
            while case let room = room(), room > 0, room >= minimumBatch || fetcher.inFlight == 0 {
                let now = Date()
                var due: [String] = []
                while due.count < room, let url = queue.popDue(now: now) { due.append(url) }
                if due.isEmpty { break }
                for (url, preparation) in zip(due, prepare(due)) {
                    switch preparation {
                    case .skip: continue
                    case .later(let date): postponed.append((url, date))
                    case .fetch(let request):
                        outstanding.insert(url)
                        inFlight.insert(request.key)
                        if let failed = fetcher.add(request) { hand(failed, &inFlight) }
                    }
                }
            }
            for (url, date) in postponed { queue.insert(url, at: date) }
            if oneShot, queue.count == 0, outstanding.isEmpty { return }  // every feed left was skipped
            let untilDue = (queue.nextTime ?? .distantFuture).timeIntervalSinceNow
            let waitable = room() > 0 && (room() >= minimumBatch || fetcher.inFlight == 0)
            let timeout = min(idleWakeInterval, max(0, waitable ? untilDue : idleWakeInterval))
            for result in fetcher.step(timeout: timeout) { hand(result, &inFlight) }
        }
    }

    private func hand(_ result: FetchResult, _ inFlight: inout Set<String>) {
        guard inFlight.remove(result.request.key) != nil else { return }
        resultSink.yield(Fetched(feedURL: result.request.key, result: result))
    }
}

/// Interrupts the fetch thread's `curl_multi_poll` from any thread: `curl_multi_wakeup` is the one
/// libcurl multi call documented as safe to make from another thread, and the only one this allows.
private final class FetcherWaker: @unchecked Sendable {
    private let fetcher: MultiFetcher
    init(_ fetcher: MultiFetcher) { self.fetcher = fetcher }
    func wake() { fetcher.wakeUp() }
}
