import Dispatch

/// Runs blocking work (a parse, an SQLite transaction, a webhook POST) on Dispatch's thread pool and
/// awaits it, so that it never occupies one of the few threads of Swift's cooperative pool: those
/// keep the sinks, the watcher and the endpoint responsive while a slow document is parsed.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
