import Configuration
import Foundation
import Logging
import Storage
import Synchronization

/// Owns one `SinkWorker` per configured sink and the task it runs in. When a reload changes or
/// removes a sink, the old worker finishes its attempt in flight and its task ends before the
/// replacement starts: two workers of one sink would send its head twice. Every task it starts, it
/// also waits for, in `update` or in `stopAll`.
final class SinkSupervisor: Sendable {
    private struct Running {
        var worker: SinkWorker
        var task: Task<Void, Never>
    }

    private let running = Mutex<[String: Running]>([:])
    /// Counts `stopAll` calls: an `update` still waiting for a retiring worker when one happens
    /// starts nothing.
    private let stops = Mutex(0)
    private let makeWorker: @Sendable (SinkConfig, Settings) -> SinkWorker

    init(makeWorker: @escaping @Sendable (SinkConfig, Settings) -> SinkWorker) {
        self.makeWorker = makeWorker
    }

    /// Starts, replaces and stops workers so that exactly `sinks` run, with `settings` (a change of
    /// the delivery settings replaces every worker, as a change of its sink does).
    func update(to sinks: [SinkConfig], settings: Settings) async {
        let wanted = Dictionary(sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let stopsBefore = stops.withLock { $0 }
        let retiring = running.withLock { running in
            running.filter { name, current in wanted[name] != current.worker.sink || current.worker.settings != settings }
                .map { name, current in
                    running[name] = nil
                    return current
                }
        }
        for old in retiring { old.worker.stop() }
        for old in retiring { await old.task.value }
        running.withLock { running in
            guard stops.withLock({ $0 }) == stopsBefore else { return }
            for (name, sink) in wanted where running[name] == nil {
                let worker = makeWorker(sink, settings)
                running[name] = Running(worker: worker, task: Task { await worker.run() })
            }
        }
    }

    func pokeAll() { for worker in workers { worker.poke() } }

    func reopenLogs() { for worker in workers { worker.reopen() } }

    /// Stops every worker and waits for each to finish its attempt in flight.
    func stopAll() async {
        stops.withLock { $0 += 1 }
        let all = running.withLock { running in defer { running.removeAll() }; return Array(running.values) }
        for current in all { current.worker.stop() }
        for current in all { await current.task.value }
    }

    private var workers: [SinkWorker] { running.withLock { $0.values.map(\.worker) } }
}
