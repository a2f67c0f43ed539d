import Foundation
import PostgresKit

/// A few connections to one server, each used by one caller at a time. One connection would make
/// every statement of an instance wait for the one before it: a poll's processing, the next claim
/// and a sink's delivery would queue behind each other's round trips. Connections are opened as
/// callers need them, up to `maximum`; a caller beyond that waits for one to come back.
final class ConnectionPool: Sendable {
    private struct State {
        var idle: [Connection] = []
        var opened = 0
    }

    private let conninfo: String
    private let maximum: Int
    private let condition = NSCondition()
    /// Only touched while `condition` is locked.
    private nonisolated(unsafe) var state = State()

    init(conninfo: String, maximum: Int, first: Connection) {
        self.conninfo = conninfo
        self.maximum = max(1, maximum)
        state = State(idle: [first], opened: 1)
    }

    /// Runs `body` on a connection of the pool's, opening one if none is idle and there is room.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }

    private func take() throws(PostgresError) -> Connection {
        condition.lock()
        while state.idle.isEmpty && state.opened >= maximum { condition.wait() }
        if let idle = state.idle.popLast() {
            condition.unlock()
            return idle
        }
        state.opened += 1
        condition.unlock()
        do {
            return try Connection(conninfo: conninfo)  // opened outside the lock: it may take a connect timeout
        } catch {
            condition.lock()
            state.opened -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func give(_ connection: Connection) {
        condition.lock()
        state.idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}
