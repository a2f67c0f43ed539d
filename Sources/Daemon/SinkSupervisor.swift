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
    private let makeWorker: @Sendable (SinkConfig) -> SinkWorker

    init(makeWorker: @escaping @Sendable (SinkConfig) -> SinkWorker) {
        self.makeWorker = makeWorker
    }

    /// Starts, replaces and stops workers so that exactly `sinks` run.
    func update(to sinks: [SinkConfig]) async {
        let wanted = Dictionary(sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let retiring = running.withLock { running in
            running.filter { name, current in wanted[name] != current.worker.sink }.map { name, current in
                running[name] = nil
                return current
            }
        }
        for old in retiring { old.worker.stop() }
        for old in retiring { await old.task.value }
        running.withLock { running in
            for (name, sink) in wanted where running[name] == nil {
                let worker = makeWorker(sink)
                running[name] = Running(worker: worker, task: Task { await worker.run() })
            }
        }
    }

    func pokeAll() { for worker in workers { worker.poke() } }

    func reopenLogs() { for worker in workers { worker.reopen() } }

    /// Stops every worker and waits for each to finish its attempt in flight.
    func stopAll() async {
        let all = running.withLock { running in defer { running.removeAll() }; return Array(running.values) }
        for current in all { current.worker.stop() }
        for current in all { await current.task.value }
    }

    private var workers: [SinkWorker] { running.withLock { $0.values.map(\.worker) } }
}
