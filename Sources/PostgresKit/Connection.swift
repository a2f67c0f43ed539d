import CLibPQ
import Foundation

/// One libpq connection. Not thread-safe (libpq connections are not): its owner serialises use.
/// Every statement is sent with `PQexecParams`, parameters as text, so nothing is ever spliced
/// into SQL.
public final class Connection {
    private var handle: OpaquePointer?
    /// The connection string, kept to reconnect; it may hold a password and is never shown.
    private let conninfo: String

    public init(conninfo: String) throws(PostgresError) {
        self.conninfo = conninfo
        handle = PQconnectdb(conninfo)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let handle { PQfinish(handle) }
            self.handle = nil
            throw PostgresError(.connection, Self.trimmed(message))
        }
    }

    deinit { if let handle { PQfinish(handle) } }

    /// False once the server has gone away (a restart, a network cut); `reconnect()` tries again.
    public var isConnected: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    public func reconnect() throws(PostgresError) {
        if let handle {
            PQreset(handle)
            if PQstatus(handle) == CONNECTION_OK { return }
            throw PostgresError(.connection, Self.trimmed(String(cString: PQerrorMessage(handle))))
        }
        let fresh = try Connection(conninfo: conninfo)
        handle = fresh.handle
        fresh.handle = nil
    }

    /// Runs one statement with `$1`, `$2`, … bound to `parameters` and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> Rows {
        guard let handle else { throw PostgresError(.connection, "not connected") }
        let texts = parameters.map(\.text)
        let result = withCStrings(texts) { pointers in
            PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        return try rows(of: result, on: handle)
    }

    /// Runs a script of several statements without parameters (a migration), with the simple protocol.
    public func executeScript(_ sql: String) throws(PostgresError) {
        guard let handle else { throw PostgresError(.connection, "not connected") }
        _ = try rows(of: PQexec(handle, sql), on: handle)
    }

    /// A result's rows, or its error (a connection error once the connection has gone); frees it.
    private func rows(of result: OpaquePointer?, on handle: OpaquePointer) throws(PostgresError) -> Rows {
        guard let result else { throw PostgresError(.connection, Self.trimmed(String(cString: PQerrorMessage(handle)))) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return Rows(result)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = Self.trimmed(String(cString: PQresultErrorMessage(result)))
            throw PostgresError(PQstatus(handle) == CONNECTION_OK ? .statement : .connection, message, sqlState: state)
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isConnected { _ = try? execute("ROLLBACK") }  // the error that matters is the one rethrown
            throw error
        }
    }

    private static func trimmed(_ message: String) -> String { message.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Calls `body` with C strings for `strings` (nil for a NULL parameter), valid during the call.
private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}
