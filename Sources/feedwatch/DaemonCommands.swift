import ArgumentParser
import Configuration
import Daemon
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Options every command that reads the configuration and the state shares.
struct StateOptions: ParsableArguments {
    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Option(help: "The state folder (default: $STATE_DIRECTORY, else .feedwatch/ beside the configuration).")
    var state: String?

    @Flag(help: "Log debug messages too.")
    var verbose = false
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll the configured feeds and deliver alerts until stopped (SIGTERM/SIGINT); SIGHUP reloads.")

    @OptionGroup var options: StateOptions

    @Option(help: "Where /metrics and /healthz listen (HOST:PORT or off), instead of settings: metrics.")
    var metrics: String?

    func run() async throws {
        let logger = Logs.bootstrap(verbose: options.verbose)
        var operations: ListenAddress?? = nil
        if let metrics {
            guard metrics == "off" || ListenAddress.parse(metrics) != nil else {
                throw ValidationError("--metrics takes HOST:PORT (such as 127.0.0.1:9464) or off")
            }
            operations = .some(ListenAddress.parse(metrics))
        }
        let daemon = try Daemon(configPath: options.config, stateOverride: options.state, logger: logger, operationsOverride: operations)
        try await daemon.run()
    }
}

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll every enabled feed once, however long it takes, deliver the alerts, and print a summary.",
        discussion: "Exits with status 1 when any feed failed, so a script or a timer unit notices.")

    @OptionGroup var options: StateOptions

    @Flag(help: "Poll once and exit (the only mode; kept for clarity in scripts).")
    var once = false

    @Option(help: "Seconds to wait for alerts to reach their sinks.")
    var deliveryTimeout: Double = 30

    func run() async throws {
        let logger = Logs.bootstrap(verbose: options.verbose)
        let daemon = try Daemon(configPath: options.config, stateOverride: options.state, logger: logger)
        let outcomes = try await daemon.pollOnce(deliveryTimeout: deliveryTimeout)
        var alerts = 0
        var failures = 0
        for outcome in outcomes.sorted(by: { $0.url < $1.url }) {
            alerts += outcome.alerts
            let state = outcome.error.map { "failed: \($0)" } ?? (outcome.notModified ? "not modified" : "HTTP \(outcome.status)")
            print("\(outcome.url): \(state), \(outcome.newEntries) new, \(outcome.alerts) alert(s)")
            if outcome.error != nil { failures += 1 }
        }
        let pending = try daemon.store.pendingDeliveries().count
        print("\(outcomes.count) feed(s) polled, \(failures) failed, \(alerts) alert(s) raised, \(pending) delivery(ies) still pending")
        if failures > 0 { throw ExitCode(1) }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the configuration and report every problem with file, line and column.")

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    func run() throws {
        do {
            let loaded = try ConfigLoader.load(path: config)
            let findings = SecretAudit.audit(loaded)
            for finding in findings { FileHandle.standardError.write(Data((finding.description + "\n").utf8)) }
            if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
            print("\(config): OK — \(loaded.feeds.count) feed(s), \(loaded.watchlists.count) watch-list(s), \(loaded.sinks.count) sink(s)")
        } catch let errors as ConfigErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
