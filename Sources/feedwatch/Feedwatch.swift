import ArgumentParser
import CurlKit
import Daemon
import XMLKit

@main
struct Feedwatch: ParsableCommand {
    static let version = Daemon.version

    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watches RSS, Atom and JSON feeds and alerts when an article matches a watch-list.",
        version: version,
        subcommands: [RunCommand.self, PollCommand.self, CheckCommand.self, FeedsCommand.self, AlertsCommand.self,
                      TestWebhookCommand.self, WatchlistCommand.self, ParseCommand.self, EntitiesCommand.self, MatchCommand.self]
    )

    static func main() {
        // libxml2 and libcurl keep global state that must be set up before any thread starts.
        XMLLibrary.initialize()
        CurlLibrary.initialize()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
