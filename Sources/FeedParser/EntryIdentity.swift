import FeedModel
import Hashing

/// The stable identity of an entry, used to tell new entries from seen ones:
/// 1. its `guid` / `id`, as given (trimmed);
/// 2. else its link;
/// 3. else `sha256:` and the SHA-256 of its title, published date and summary, separated by U+001F,
///    so an entry without id or link keeps its identity across polls as long as those stay the same.
public enum EntryIdentity {
    public static func of(_ entry: Entry) -> String {
        if let id = entry.id, !id.isEmpty { return id }
        if let link = entry.link, !link.isEmpty { return link }
        let date = entry.published.map { Timestamp.utcString($0) } ?? ""
        let material = [entry.title ?? "", date, entry.summary ?? ""].joined(separator: "\u{1F}")
        return "sha256:" + Digest.sha256Hex(material)
    }
}
