@testable import Daemon
import Foundation
import Synchronization
import Testing

@Suite(.serialized) struct ReloadTests {
    @Test func aChangedConfigurationFileTakesEffectWithoutARestart() throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        let finished = Mutex(false)
        let thread = Thread {
            try? daemon.run()
            finished.withLock { $0 = true }
        }
        thread.start()
        defer {
            daemon.stop()
            let deadline = Date().addingTimeInterval(5)
            while !finished.withLock({ $0 }), Date() < deadline { usleep(20_000) }
        }
        Thread.sleep(forTimeInterval: 1.1)  // file times have one-second resolution on some file systems

        // A new feed and a new watch-list, written by an editor.
        try scenario.writeConfig(extraFeeds: [scenario.feeds.baseURL + "/second.xml"])
        let added = waitUntil(seconds: 6) { daemon.current.config.feeds.count == 2 }
        #expect(added, "the new feed was picked up")
        #expect(try daemon.store.feed(url: scenario.feeds.baseURL + "/second.xml") != nil)

        // A broken edit is rejected and the running configuration kept.
        Thread.sleep(forTimeInterval: 1.1)
        try "feeds: [unclosed\n".write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 3)
        #expect(daemon.current.config.feeds.count == 2)

        // Removing a feed takes effect too.
        try scenario.writeConfig()
        #expect(waitUntil(seconds: 6) { daemon.current.config.feeds.count == 1 })
    }

    private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}
