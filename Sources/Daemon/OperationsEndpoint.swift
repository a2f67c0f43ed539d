import Configuration
import FlyingFox
import FlyingSocks
import Foundation
import Logging
import ServiceLifecycle

/// `/metrics` (Prometheus text format) and `/healthz` over HTTP, on loopback by default. Built on
/// FlyingFox: a small server on Swift concurrency and epoll, cheap to build, no SwiftNIO.
struct OperationsEndpoint: Service {
    let address: ListenAddress
    let health: @Sendable () async -> HealthReport
    let metrics: @Sendable () async -> [UInt8]
    /// Told the port actually bound (useful when the configuration asks for port 0).
    let onListening: @Sendable (Int) -> Void
    let logger: Logger

    /// A port already taken must not stop the monitoring itself: the endpoint is said to be off, loudly.
    func run() async throws {
        do {
            try await serve()
        } catch {
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            logger.critical("the metrics and health endpoint is off: cannot listen on \(address): \(error)")
            try? await gracefulShutdown()  // throws only when cancelled, which ends the service all the same
        }
    }

    private func serve() async throws {
        let port = UInt16(address.port)
        let server = address.host.contains(":")
            ? HTTPServer(address: try sockaddr_in6.inet6(ip6: address.host, port: port), logger: .disabled)
            : HTTPServer(address: try sockaddr_in.inet(ip4: address.host, port: port), logger: .disabled)
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: Data(await metrics()))
        }
        await server.appendRoute("GET /healthz") { _ in
            let report = await health()
            return HTTPResponse(statusCode: report.healthy ? .ok : .serviceUnavailable,
                                headers: [.contentType: "text/plain; charset=utf-8"], body: Data(report.text.utf8))
        }
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                group.addTask {
                    try await server.waitUntilListening()
                    switch await server.listeningAddress {
                    case .ip4(_, let bound), .ip6(_, let bound): onListening(Int(bound))
                    default: break
                    }
                }
                // First the port is reported, or the server's own error (a port in use) ends it at once.
                try await group.next()
                try await group.next()
            }
        }
    }
}

/// What `/healthz` answers: healthy while the fetch loop comes round and no sink's deliveries are stuck.
public struct HealthReport: Sendable, Equatable {
    public var problems: [String]
    public var healthy: Bool { problems.isEmpty }
    public var text: String { healthy ? "ok\n" : problems.joined(separator: "\n") + "\n" }
}
