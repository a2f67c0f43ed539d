import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of one test's own (for a test that restarts the server, which must not
/// disturb the shared one): initdb and pg_ctl from `make test`'s installation, owned by `nobody`
/// when the tests run as root, in a temporary folder removed by `stop()`.
public final class PrivateCluster: Sendable {
    public let port: Int
    private let folder: String
    private let bin: String

    public init() throws {
        guard let bin = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_POSTGRES_BIN"] else { throw TestDatabase.NotConfigured() }
        self.bin = bin
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-pg-own-\(UUID().uuidString.prefix(8))").path
        port = 10_000 + Int.random(in: 0..<10_000)  // below the ephemeral ports, apart from the shared cluster's
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.run(["chmod", "777", folder], asOwner: false)
        try run(["\(bin)/initdb", "-D", "\(folder)/data", "-U", "feedwatch", "-A", "trust", "--no-locale"])
        try start()
    }

    public var conninfo: String { "host=127.0.0.1 port=\(port) user=feedwatch dbname=postgres connect_timeout=5" }

    public func start() throws {
        try run(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w",
                 "-o", "-h 127.0.0.1 -p \(port) -k \(folder) -c fsync=off", "start"])
    }

    public func restart() throws {
        try run(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-m", "fast", "-w", "restart"])
    }

    /// Stops the server, keeping its data, until `start()`.
    public func stopServerOnly() throws {
        try run(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-m", "fast", "-w", "stop"])
    }

    public func stop() {
        _ = try? run(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "stop"])  // it may be down already
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ arguments: [String]) throws { try Self.run(arguments, asOwner: true) }

    /// posix_spawn and waitpid rather than Foundation's Process: waiting for `pg_ctl start`, whose
    /// server lives on as a daemon, never returned with Process (seen here).
    private static func run(_ arguments: [String], asOwner: Bool) throws {
        let command = asOwner && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "nobody", "--"] + arguments : arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, command[0], &actions, nil, &argv, environ) == 0 else {
            throw ClusterError(description: "cannot run \(command[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        guard status == 0 else { throw ClusterError(description: "\(arguments.joined(separator: " ")) exited with status \(status)") }
    }

    struct ClusterError: Error, CustomStringConvertible { let description: String }
}
