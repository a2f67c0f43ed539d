import ArgumentParser
import CurlKit
import Daemon
import XMLKit

@main
struct Feedwatch: AsyncParsableCommand {
    static let version = Daemon.version

    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watches RSS, Atom and JSON feeds and alerts when an article matches a watch-list.",
        version: version,
        subcommands: [RunCommand.self, PollCommand.self, CheckCommand.self, StatusCommand.self, FeedsCommand.self, MigrateCommand.self, AlertsCommand.self,
                      TestSinkCommand.self, WatchlistCommand.self, ParseCommand.self, EntitiesCommand.self, MatchCommand.self]
    )

    static func main() async {
        // libxml2 and libcurl keep global state that must be set up before any thread starts.
        XMLLibrary.initialize()
        CurlLibrary.initialize()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
