import FeedModel
import FeedParser
import Foundation

/// `feedwatch-bench parse --hostile NAME`: the documents that used to cost super-linear time or
/// memory, each parsed once, with CPU seconds, peak memory and what the parser said. Run one per
/// process for its peak memory (`all` runs them in turn, so later peaks include earlier ones).
enum HostileDocuments {
    /// Each document at `scale` times its size, to check that the cost grows linearly.
    static func cases(scale: Int) -> [(name: String, what: String, make: () -> [UInt8])] {
        [
            ("nested", "\(200_000 * scale) nested unescaped tags in one description", { nested(200_000 * scale) }),
            ("categories", "\(1000 * scale) items × 1,000 categories", { categories(items: 1000 * scale, each: 1000) }),
            ("large", "a valid feed over 10 MB", { FeedGenerator.rss(items: 6_000 * scale) }),
            ("huge", "a 50 MB feed with 50,000 items", { smallItems(50_000 * scale, bytesEach: 1_000) }),
            ("attributes", "\(100_000 * scale) attributes on one element", { attributes(100_000 * scale) }),
        ]
    }

    static func run(_ name: String, scale: Int = 1, writeTo directory: String? = nil) {
        for entry in cases(scale: scale) where name == "all" || name == entry.name {
            let document = entry.make()
            if let directory {
                // For `--file … --memory` in a process of its own: the generator's own peak stays out.
                let path = "\(directory)/hostile-\(entry.name).xml"
                guard FileManager.default.createFile(atPath: path, contents: Data(document)) else {
                    print("  could not write \(path)")
                    continue
                }
                print("  wrote \(path)")
                continue
            }
            let before = Measure.cpuSeconds
            let feed: Feed?
            var reason = "none"
            do {
                feed = try FeedParser().parse(document)
                reason = feed?.bozoReason.map { String($0.prefix(160)) } ?? "none"
            } catch {
                feed = nil
                reason = "refused: \(error.message)"
            }
            let cpu = Measure.cpuSeconds - before
            print(String(format: "  %-10@ %@: %.1f MB, %.3f CPU-s, peak RSS %.0f MiB, %d entries, bozo: %@",
                         entry.name as NSString, entry.what as NSString, Double(document.count) / 1_048_576, cpu,
                         Measure.peakMemoryMiB, feed?.entries.count ?? -1, reason as NSString))
        }
    }

    static func nested(_ depth: Int) -> [UInt8] {
        let open = String(repeating: "<b>", count: depth), close = String(repeating: "</b>", count: depth)
        return Array("<rss version=\"2.0\"><channel><title>T</title><item><title>I</title><description>\(open)deep\(close)</description></item></channel></rss>".utf8)
    }

    static func categories(items: Int, each: Int) -> [UInt8] {
        var xml = "<rss version=\"2.0\"><channel><title>T</title>"
        for item in 0..<items {
            xml += "<item><title>\(item)</title>"
            for category in 0..<each { xml += "<category>c\(category)</category>" }
            xml += "</item>"
        }
        return Array((xml + "</channel></rss>").utf8)
    }

    static func smallItems(_ count: Int, bytesEach: Int) -> [UInt8] {
        var xml = "<rss version=\"2.0\"><channel><title>T</title>"
        for index in 0..<count {
            let text = FeedGenerator.paragraph(index, words: bytesEach / 7)
            xml += "<item><title>Story \(index)</title><link>https://bench.example/\(index)</link><description>\(text)</description></item>\n"
        }
        return Array((xml + "</channel></rss>").utf8)
    }

    static func attributes(_ count: Int) -> [UInt8] {
        let attributes = (0..<count).map { " a\($0)=\"1\"" }.joined()
        return Array("<rss version=\"2.0\"><channel><title>T</title><item\(attributes)><title>I</title></item></channel></rss>".utf8)
    }
}
