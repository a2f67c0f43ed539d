@testable import Alerting
import Foundation
import Testing

/// What a command sink's program starts with, when it is run from a Dispatch thread as the daemon runs it.
@Suite struct CommandSenderTests {
    @Test func theProgramStartsWithNoSignalBlockedAndTheAlertOnItsInput() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-cmd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let sender = CommandSender(arguments: ["/bin/sh", "-c", "grep ^SigBlk /proc/$$/status > \(out); cat >> \(out)"], timeout: 10)
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: sender.send(payload: "{\"id\":\"fw_1\"}", id: "fw_1")) }
        }
        #expect(outcome == .delivered(status: 0))
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written == "SigBlk:\t0000000000000000\n{\"id\":\"fw_1\"}\n", "\(written)")
    }
}
