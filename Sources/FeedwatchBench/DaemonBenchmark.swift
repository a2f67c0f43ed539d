import Daemon
import Foundation
import Logging

/// One poll cycle over N feeds served on 127.0.0.1 by scripts/bench-server.py (half changed with a new
/// matching item, half unchanged and answering 304), then the deliveries to a local webhook.
enum DaemonBenchmark {
    static func run(arguments: [String]) async throws {
        let feeds = Measure.option("--feeds", in: arguments, default: 1000)
        let port = Measure.option("--port", in: arguments, default: 18_590)
        // half: even feeds change, odd ones answer 304; 304: only unchanged feeds; changed: only changing ones.
        let mix = arguments.firstIndex(of: "--mix").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "half"
        let numbers: [Int] = switch mix {
        case "304": (0..<feeds).map { 2 * $0 + 1 }
        case "changed": (0..<feeds).map { 2 * $0 }
        default: Array(0..<feeds)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "scripts/bench-server.py", "\(port)"]
        try server.run()
        // SIGKILL: the server inherits the spawning thread's signal mask, in which SIGTERM may be blocked.
        defer { kill(server.processIdentifier, SIGKILL) }
        try await Task.sleep(for: .seconds(1))

        let config = folder.appendingPathComponent("feeds.yaml").path
        let feedLines = numbers.map { "  - {url: 'http://127.0.0.1:\(port)/feed/\($0).xml', alert_on_first_poll: false}" }
        try """
        settings: {concurrency: 16, per_host: 16, timeout: 20s}
        sinks:
          - {name: hook, type: webhook, url: 'http://127.0.0.1:\(port)/hook'}
        watchlists:
          - name: russia-cyber
            rule: all
            topics:
              - {name: cyber operations, terms: [cyber operations]}
              - {name: Russia, entity: Russia}
        feeds:
        \(feedLines.joined(separator: "\n"))
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let daemon = try Daemon(configPath: config, logger: logger)
        print("daemon benchmark: \(feeds) feeds on 127.0.0.1 (mix: \(mix); changed feeds get a new matching item per poll), one local webhook")

        let warmup = try await daemon.pollOnce(deliveryTimeout: 60)
        print("  first poll (backlog marked seen): \(warmup.count) feeds, \(warmup.filter { $0.error != nil }.count) failed")

        let cpuBefore = cpuSeconds()
        let coresBefore = coreTimes()
        let started = Date()
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 0)
        let pollWall = Date().timeIntervalSince(started)
        let pollCPU = cpuSeconds() - cpuBefore
        let busy = zip(coresBefore, coreTimes()).map { before, after in
            let total = after.total - before.total
            return total > 0 ? 100 * Double(total - (after.idle - before.idle)) / Double(total) : 0
        }
        let alerts = outcomes.reduce(0) { $0 + $1.alerts }
        let deliveryStart = Date()
        let drainCPU = cpuSeconds()
        _ = try await daemon.pollOnce(deliveryTimeout: 300)  // drains the outbox (feeds polled again, unchanged ones 304)
        var pending = try daemon.store.pendingDeliveries().count
        while pending > 0, Date().timeIntervalSince(deliveryStart) < 300 {
            try await Task.sleep(for: .milliseconds(100))
            pending = try daemon.store.pendingDeliveries().count
        }
        let deliveryWall = Date().timeIntervalSince(deliveryStart)
        print(String(format: "  poll cycle: %.2f s wall, %.2f CPU-s (%.2f CPU-s per 1,000 feeds); %d not modified, %d changed, %d failed",
                     pollWall, pollCPU, pollCPU * 1000 / Double(feeds), outcomes.filter(\.notModified).count,
                     outcomes.filter { !$0.notModified && $0.error == nil }.count, outcomes.filter { $0.error != nil }.count))
        print("  busy per core during the cycle (whole machine, the feed server included): "
            + busy.enumerated().map { String(format: "cpu%d %.0f%%", $0.offset, $0.element) }.joined(separator: ", "))
        print(String(format: "  alerts: %d raised; delivered with the next cycle in %.2f s (%.0f alerts/s incl. a second poll, %.2f CPU-s)",
                     alerts, deliveryWall, Double(alerts) / deliveryWall, cpuSeconds() - drainCPU))
        print(String(format: "  peak RSS %.1f MiB", Measure.peakMemoryMiB))
    }

    /// Each core's jiffies from /proc/stat: (idle + iowait, all).
    static func coreTimes() -> [(idle: Int, total: Int)] {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { $0.hasPrefix("cpu") && !$0.hasPrefix("cpu ") }.map { line in
            let fields = line.split(separator: " ").dropFirst().compactMap { Int($0) }
            return (fields.count > 4 ? fields[3] + fields[4] : 0, fields.reduce(0, +))
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
