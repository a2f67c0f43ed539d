import Alerting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real daemon process, killed with SIGKILL at random moments of a busy cycle and restarted.
@Suite(.serialized) struct CrashTests {
    /// The `feedwatch` executable this package builds (`make test` builds it before the tests run).
    static var executable: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/feedwatch")
    }

    /// Whether the executable is there; records why the test cannot run when it is not.
    static func executableIsBuilt() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            Issue.record("\(executable.path) is missing: run `swift build` before `swift test` (make test does)")
            return false
        }
        return true
    }

    private func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killNineAtRandomMomentsLosesAndRepeatsNoAlert() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let scenario = try Scenario()
        let count = 40
        scenario.setItems((1...count).map {
            .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching)
        })
        scenario.hookFailures.withLock { $0 = 1 }
        try scenario.writeConfig(alertOnFirstPoll: true)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<6 {
            let process = try start(["run", "--config", scenario.configPath])
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...900, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            await exited(process)
        }
        // Finally let it finish: one clean poll that waits for every delivery.
        let last = try start(["poll", "--once", "--config", scenario.configPath, "--delivery-timeout", "30"])
        await exited(last)
        #expect(last.terminationStatus == 0)

        let logged = scenario.loggedLines().compactMap { AlertDocument.decode($0)?.id }
        #expect(logged.count == count, "every alert reached the log")
        #expect(Set(logged).count == logged.count, "and none twice")
        let delivered = scenario.hookRequests.compactMap { $0.header("webhook-id") }
        #expect(Set(delivered) == Set(logged), "every alert reached the webhook")
        // A kill between the receiver's answer and the outbox update resends: with the same webhook-id,
        // so the receiver can drop it (the Standard Webhooks idempotency key).
        #expect(delivered.count >= count)
    }
}
