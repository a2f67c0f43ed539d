import Alerting
@testable import Daemon
import Foundation
import SQLiteKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The state database locked by another process, and the disk full: a clear error, nothing stored
/// half-way, and everything stored and delivered once the problem is gone.
@Suite(.serialized) struct StorageFaultTests {
    @Test func aDatabaseLockedByAnotherProcessDelaysButLosesNothing() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Cyber operations against Russia", body: Scenario.matching)])
        try scenario.writeConfig(alertOnFirstPoll: true)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        let other = try Database(path: daemon.paths.database)
        try other.execute("BEGIN EXCLUSIVE")
        let blocked = try #require(try await daemon.pollOnce(deliveryTimeout: 0).first)
        #expect(blocked.error?.description.contains("locked by another process") == true, "\(blocked.error?.description ?? "")")
        try other.execute("COMMIT")

        let after = try #require(try await daemon.pollOnce(deliveryTimeout: 10).first)
        #expect(after.error == nil)
        #expect(after.alerts == 1, "the entry was not marked seen while the alert could not be stored")
        #expect(scenario.loggedLines().count == 1)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root (CI runs as root)"))
    func aFullDiskIsReportedAndRecoveredFrom() async throws {
        let scenario = try Scenario()
        scenario.setItems((1...30).map { .init(id: "\($0)", title: "Cyber operations against Russia \($0)", body: Scenario.matching) })
        try scenario.writeConfig(alertOnFirstPoll: true)
        let mountPoint = scenario.folder.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = Process()
        mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
        // Room for SQLite's write-ahead log to reach its checkpoint size (1,000 pages, 4 MB) and the
        // database beside it: 30 alerts' commits take 0.7 MB of log, and more under load, when a
        // delivery is tried again. A smaller disk could stay full after the filler goes.
        mounted.arguments = ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint]
        try mounted.run()
        mounted.waitUntilExit()
        try #require(mounted.terminationStatus == 0, "mount -t tmpfs failed")
        defer {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [mountPoint]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        let daemon = try Daemon(configPath: scenario.configPath, stateOverride: mountPoint + "/state", logger: Scenario.logger)
        // Fill what is left of the disk.
        let filler = mountPoint + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let block = Data(count: 16 * 1024)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()

        let full = try #require(try await daemon.pollOnce(deliveryTimeout: 0).first)
        #expect(full.error?.description.contains("full") == true, "\(full.error?.description ?? "")")

        try FileManager.default.removeItem(atPath: filler)
        let after = try #require(try await daemon.pollOnce(deliveryTimeout: 20).first)
        #expect(after.error == nil)
        #expect(after.alerts == 30)
        let log = (try? String(contentsOfFile: mountPoint + "/state/alerts.jsonl", encoding: .utf8)) ?? ""
        let logged = log.split(separator: "\n").compactMap { AlertDocument.decode(String($0))?.id }
        #expect(logged.count == 30 && Set(logged).count == 30, "every alert once")
    }
}
