import Foundation
import Yams

/// Adds feeds to the `feeds:` list of a configuration file by inserting lines where the list ends,
/// so every comment and the layout of the rest of the file stay as they are (like `WatchlistEditor`).
public enum FeedListEditor {
    public struct NewFeed: Sendable, Equatable {
        public var url: String
        public var name: String?
        public var tags: [String]

        public init(url: String, name: String? = nil, tags: [String] = []) {
            self.url = url
            self.name = name
            self.tags = tags
        }
    }

    /// Adds the feeds not configured yet (by URL) and returns them; the file is left as it was when
    /// the result would not load.
    @discardableResult
    public static func add(_ feeds: [NewFeed], config path: String) throws -> [NewFeed] {
        let config = try ConfigLoader.load(path: path)
        let known = Set(config.feeds.map(\.url))
        var seen = known
        let added = feeds.filter { seen.insert($0.url).inserted }
        guard !added.isEmpty else { return [] }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let root = try Yams.compose(yaml: text)
        let list = root?.mapping?.first { $0.key.string == "feeds" }
        if let list, list.value.sequence == nil, list.value.string?.isEmpty == false || list.value.mapping != nil {
            throw WatchlistEditor.EditError(description: "\(path):\(list.key.mark?.line ?? 0): feeds must be a list to add to it")
        }
        let items = list?.value.sequence.map(Array.init) ?? []
        if let key = list?.key, let line = key.mark?.line, lines[line - 1].contains("[") {
            guard items.isEmpty, lines[line - 1].trimmingCharacters(in: .whitespaces).hasPrefix("feeds: []") else {
                throw WatchlistEditor.EditError(description: "\(path):\(line): feeds is written as a flow list ([…]); write it one feed per line to add to it")
            }
            lines[line - 1] = lines[line - 1].replacingOccurrences(of: "feeds: []", with: "feeds:")
        }
        // The new lines go where the list's own lines end: before the next top-level key (and the
        // comments and blank lines just above it, which belong to that key), or at the end of the file.
        let indent = String(repeating: " ", count: items.first.map { max(($0.mark?.column ?? 3) - 3, 0) } ?? 2)
        let newLines = added.map { indent + "- " + line(for: $0) }
        if let key = list?.key, let keyLine = key.mark?.line {
            var end = lines.count
            for index in keyLine..<lines.count where isTopLevelKey(lines[index]) {
                end = index
                break
            }
            while end > keyLine, isBlankOrComment(lines[end - 1]) { end -= 1 }
            lines.insert(contentsOf: newLines, at: end)
        } else {
            while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
            lines += ["", "feeds:"] + newLines
            lines.append("")
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: path)
        } catch {
            try text.write(toFile: path, atomically: true, encoding: .utf8)  // never leave a broken config behind
            throw WatchlistEditor.EditError(description: "the feeds would make the configuration invalid, so they were not added:\n\(error)")
        }
        return added
    }

    /// One feed as a flow mapping on one line, every value single-quoted.
    static func line(for feed: NewFeed) -> String {
        var fields = ["url: \(quoted(feed.url))"]
        if let name = feed.name { fields.append("name: \(quoted(name))") }
        if !feed.tags.isEmpty { fields.append("tags: [\(feed.tags.map(quoted).joined(separator: ", "))]") }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// A YAML single-quoted scalar: only `'` needs escaping (doubled); line breaks become spaces.
    static func quoted(_ text: String) -> String {
        let flat = text.components(separatedBy: .newlines).joined(separator: " ")
        return "'" + flat.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func isTopLevelKey(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        return !first.isWhitespace && first != "#" && first != "-"
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }
}
