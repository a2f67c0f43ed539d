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
        // `exec`: grep takes the shell's place and its mask, which is the one the program was given
        // (a shell waiting for a child blocks signals meanwhile, so asking about the shell's own would not tell).
        let sender = CommandSender(arguments: ["/bin/sh", "-c", "cat > \(out).input; exec grep ^SigBlk /proc/self/status > \(out)"], timeout: 10)
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: sender.send(payload: "{\"id\":\"fw_1\"}", id: "fw_1")) }
        }
        #expect(outcome == .delivered(status: 0))
        let mask = try String(contentsOfFile: out, encoding: .utf8)
        #expect(mask == "SigBlk:\t0000000000000000\n", "\(mask)")
        #expect(try String(contentsOfFile: out + ".input", encoding: .utf8) == "{\"id\":\"fw_1\"}\n")
    }
}
