@testable import Daemon
import Foundation
import Synchronization
import Testing

@Suite(.serialized) struct ReloadTests {
    @Test func aChangedConfigurationFileTakesEffectWithoutARestart() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let running = RunningDaemon(try Daemon(configPath: scenario.configPath, logger: Scenario.logger))
        let daemon = running.daemon
        #expect(await running.started())
        try await Task.sleep(for: .milliseconds(1100))  // file times have one-second resolution on some file systems

        // A new feed and a new watch-list, written by an editor.
        try scenario.writeConfig(extraFeeds: [scenario.feeds.baseURL + "/second.xml"])
        #expect(await eventually(seconds: 60) { daemon.current.config.feeds.count == 2 }, "the new feed was picked up")
        #expect(try daemon.store.feed(url: scenario.feeds.baseURL + "/second.xml") != nil)

        // A broken edit is rejected and the running configuration kept.
        try await Task.sleep(for: .milliseconds(1100))
        try "feeds: [unclosed\n".write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .seconds(3))
        #expect(daemon.current.config.feeds.count == 2)

        // Removing a feed takes effect too.
        try scenario.writeConfig()
        #expect(await eventually(seconds: 60) { daemon.current.config.feeds.count == 1 })
        try await running.stop()
    }

    /// A file written in pieces (as a slow copy would) is read only once it has stopped changing.
    @Test func aFileStillBeingWrittenIsNotReadHalfWay() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let complete = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
        let running = RunningDaemon(try Daemon(configPath: scenario.configPath, logger: Scenario.logger))
        let daemon = running.daemon
        #expect(await running.started())
        let handle = try #require(FileHandle(forWritingAtPath: scenario.configPath))
        try handle.truncate(atOffset: 0)
        let withSecond = complete.replacingOccurrences(of: "feeds:\n", with: "feeds:\n  - \(scenario.feeds.baseURL)/second.xml\n")
        let bytes = Array(withSecond.utf8)
        // Half now, the rest after 1.5 s: a reload of the first half would see no watch-lists.
        try handle.write(contentsOf: Data(bytes[..<(bytes.count / 2)]))
        try await Task.sleep(for: .milliseconds(1500))
        #expect(daemon.current.config.feeds.count == 1)
        try handle.write(contentsOf: Data(bytes[(bytes.count / 2)...]))
        try handle.close()
        #expect(await eventually(seconds: 60) { daemon.current.config.feeds.count == 2 })
        #expect(daemon.current.config.watchlists.count == 1)
        try await running.stop()
    }

    /// A reload that adds a watch-list file from another folder starts watching that folder too.
    @Test func anIncludeAddedByAReloadIsWatchedToo() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let lists = scenario.folder.appendingPathComponent("lists")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        let included = lists.appendingPathComponent("energy.yaml").path
        try "- {name: energy, topics: [natural gas]}\n".write(toFile: included, atomically: true, encoding: .utf8)
        let running = RunningDaemon(try Daemon(configPath: scenario.configPath, logger: Scenario.logger))
        let daemon = running.daemon
        #expect(await running.started())
        let yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
        try yaml.replacingOccurrences(of: "feeds:\n", with: "  - include: lists/energy.yaml\nfeeds:\n")
            .write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        #expect(await eventually(seconds: 60) { daemon.current.config.watchlists.count == 2 })
        try await Task.sleep(for: .milliseconds(1100))
        try "- {name: energy, topics: [natural gas]}\n- {name: grain, topics: [wheat]}\n"
            .write(toFile: included, atomically: true, encoding: .utf8)
        #expect(await eventually(seconds: 60) { daemon.current.config.watchlists.count == 3 }, "an edit of the included file is seen")
        try await running.stop()
    }
}
