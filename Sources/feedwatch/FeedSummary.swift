import FeedModel

/// The readable summary `feedwatch parse` prints without `--json`.
enum FeedSummary {
    static func render(_ feed: Feed) -> String {
        var lines: [String] = []
        lines.append("\(feed.title ?? "(untitled feed)")  [\(feed.format?.rawValue ?? "unknown format"), \(feed.encoding ?? "?")]")
        if let link = feed.link { lines.append("  link:     \(link)") }
        if let updated = feed.updated { lines.append("  updated:  \(Timestamp.utcString(updated))") }
        if let language = feed.language { lines.append("  language: \(language)") }
        if feed.bozo { lines.append("  recovered from: \(feed.bozoReason ?? "a malformed document")") }
        lines.append("  \(feed.entries.count) entr\(feed.entries.count == 1 ? "y" : "ies")")
        for entry in feed.entries {
            let date = (entry.published ?? entry.updated).map(Timestamp.utcString) ?? "no date"
            lines.append("")
            lines.append("- \(entry.title ?? "(untitled)")")
            lines.append("  \(date)\(entry.author.map { " · \($0)" } ?? "")")
            if let link = entry.link { lines.append("  \(link)") }
            if let text = entry.summaryText ?? entry.contentText, !text.isEmpty {
                lines.append("  \(text.count > 160 ? String(text.prefix(157)) + "..." : text)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
