import Foundation
import Yams

/// Adds or removes a term of a watch-list topic by editing the configuration file's text where the
/// topic is written, so every comment and the layout of the rest of the file stay as they are.
/// Flow lists (`terms: [a, b]`) are rewritten on their line; block lists gain or lose one `- term` line;
/// a topic without terms gets a `terms: [term]` line.
public enum WatchlistEditor {
    public struct EditError: Error, CustomStringConvertible {
        public let description: String
    }

    public enum Change { case add, remove }

    /// Edits the file (feeds.yaml or an included file) that defines `watchlist`; returns its path.
    @discardableResult
    public static func change(_ change: Change, term: String, topic topicName: String, watchlist: String,
                              config path: String) throws -> String {
        let config = try ConfigLoader.load(path: path)
        for file in config.files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), let root = try Yams.compose(yaml: text),
                  let list = findWatchlist(watchlist, in: root) else { continue }
            guard let topic = findTopic(topicName, in: list) else {
                throw EditError(description: "\(file): watch-list '\(watchlist)' has no topic '\(topicName)'")
            }
            var lines = text.components(separatedBy: "\n")
            try edit(&lines, topic: topic, change: change, term: term, file: file)
            let edited = lines.joined(separator: "\n")
            try edited.write(toFile: file, atomically: true, encoding: .utf8)
            do {
                _ = try ConfigLoader.load(path: path)
            } catch {
                try text.write(toFile: file, atomically: true, encoding: .utf8)  // never leave a broken config behind
                throw EditError(description: "the edit would make the configuration invalid, so it was not kept:\n\(error)")
            }
            return file
        }
        throw EditError(description: "\(path): there is no watch-list named '\(watchlist)'")
    }

    private static func findWatchlist(_ name: String, in root: Node) -> Node? {
        let lists = root.mapping?["watchlists"]?.sequence.map(Array.init) ?? root.sequence.map(Array.init) ?? []
        return lists.first { $0.mapping?["name"]?.string == name }
    }

    private static func findTopic(_ name: String, in list: Node) -> Node? {
        guard let topics = list.mapping?["topics"]?.sequence else { return nil }
        return topics.first { topic in
            topic.string == name || topic.mapping?["name"]?.string == name
                || (topic.mapping?["name"] == nil && topic.mapping?["entity"]?.string == name)
        }
    }

    private static func edit(_ lines: inout [String], topic: Node, change: Change, term: String, file: String) throws {
        guard let mapping = topic.mapping else {
            throw EditError(description: "\(file):\(topic.mark?.line ?? 0): the topic is a bare term; write it as a mapping with terms to edit it")
        }
        let quotedTerm = term.contains(where: { ",[]{}:#\"'".contains($0) }) ? "\"\(term.replacingOccurrences(of: "\"", with: "\\\""))\"" : term
        guard let (key, value) = mapping.first(where: { $0.key.string == "terms" }) else {
            guard change == .add, let first = mapping.first?.key, let line = first.mark?.line else {
                throw EditError(description: "\(file): the topic has no term '\(term)'")
            }
            let indent = String(repeating: " ", count: max((first.mark?.column ?? 1) - 1, 0))
            lines.insert("\(indent)terms: [\(quotedTerm)]", at: line)
            return
        }
        var terms = value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []
        let keyLine = (key.mark?.line ?? 1) - 1
        let isFlow = lines[keyLine].contains("[")
        switch change {
        case .add:
            guard !terms.contains(term) else { throw EditError(description: "\(file): the topic already has the term '\(term)'") }
            terms.append(term)
        case .remove:
            guard terms.contains(term) else { throw EditError(description: "\(file): the topic has no term '\(term)'") }
            terms.removeAll { $0 == term }
        }
        if isFlow {
            let prefix = lines[keyLine][..<(lines[keyLine].range(of: "terms:")?.upperBound ?? lines[keyLine].endIndex)]
            let quoted = terms.map { $0.contains(where: { ",[]{}:#\"'".contains($0) }) ? "\"\($0)\"" : $0 }
            lines[keyLine] = "\(prefix) [\(quoted.joined(separator: ", "))]"
            return
        }
        let items = value.sequence.map(Array.init) ?? []
        switch change {
        case .add:
            let last = items.last?.mark
            let column = max((last?.column ?? ((key.mark?.column ?? 1) + 2)) - 3, 0)
            lines.insert("\(String(repeating: " ", count: column))- \(quotedTerm)", at: last?.line ?? keyLine + 1)
        case .remove:
            guard let item = items.first(where: { $0.string == term }), let line = item.mark?.line else { return }
            lines.remove(at: line - 1)
        }
    }
}
