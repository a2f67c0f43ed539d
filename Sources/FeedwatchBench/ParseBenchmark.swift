import FeedParser
import Foundation
import XMLKit

/// Parse throughput against the floor: libxml2's streaming reader walking the same bytes doing nothing.
enum ParseBenchmark {
    static func run(arguments: [String]) {
        if let name = Measure.text("--hostile", in: arguments) {
            HostileDocuments.run(name, scale: Measure.option("--scale", in: arguments, default: 1),
                                 writeTo: Measure.text("--write", in: arguments))
            return
        }
        let items = Measure.option("--items", in: arguments, default: 2000)
        let rounds = Measure.option("--rounds", in: arguments, default: 10)
        var documents: [(String, [UInt8])] = []
        if let file = Measure.text("--file", in: arguments) {
            // A real feed, measured the same way as the generated ones.
            guard let bytes = Measure.readFile(file) else {
                print("cannot read \(file)")
                return
            }
            if arguments.contains("--memory") {
                // One parse and nothing else, for the peak memory of parsing this document.
                let before = Measure.cpuSeconds
                let feed = try? FeedParser().parse(bytes)
                print(String(format: "  %@: %.1f MB, %d entries, %.3f CPU-s, peak RSS %.0f MiB (document included)",
                             file as NSString, Double(bytes.count) / 1_048_576, feed?.entries.count ?? -1,
                             Measure.cpuSeconds - before, Measure.peakMemoryMiB))
                return
            }
            documents = [(URL(fileURLWithPath: file).lastPathComponent, bytes)]
        } else {
            documents = [("RSS 2.0", FeedGenerator.rss(items: items)), ("Atom 1.0", FeedGenerator.atom(items: items))]
        }
        print("feed parse benchmark: best of \(rounds) alternating rounds; libxml2 \(XMLLibrary.version)")
        for (name, document) in documents {
            let megabytes = Double(document.count) / 1_048_576
            var entries = 0
            let parser = FeedParser()
            // Rounds alternate between the floor and the parser, so both see the same machine; best of each.
            var floor = Double.infinity, full = Double.infinity
            for _ in 0..<max(1, rounds) {
                floor = min(floor, Measure.seconds {
                    guard let reader = try? XMLStreamReader(utf8: document, url: nil) else { return }
                    while reader.read() {}
                })
                full = min(full, Measure.seconds {
                    entries = (try? parser.parse(document, context: .init(url: "https://bench.example/feed")))?.entries.count ?? -1
                })
            }
            print(String(format: "  %-8@ %.2f MB, %d entries: floor %.1f MB/s, feedwatch %.1f MB/s (%.0f%% of floor); peak RSS %.1f MiB",
                         name as NSString, megabytes, entries, megabytes / floor, megabytes / full, 100 * floor / full,
                         Measure.peakMemoryMiB))
        }
    }

}

/// News-like feeds of a given size, deterministic so figures are comparable between runs.
enum FeedGenerator {
    static let words = """
    the administration ordered an end to offensive cyber operations against russia as part of an effort to draw \
    president into talks on ending the war in ukraine officials said sunday orders were given by the defense \
    secretary prior to an argument in the oval office between leaders over future funding allies would form a \
    coalition to continue to defend the country in its battle against the ongoing incursion intelligence gathering
    """.split(separator: " ").map(String.init)

    static func paragraph(_ seed: Int, words count: Int) -> String {
        (0..<count).map { words[(seed * 31 + $0 * 7) % words.count] }.joined(separator: " ")
    }

    static func summaryHTML(_ index: Int) -> String {
        "<p>\(paragraph(index, words: 150))</p><p>Read <a href=\"/story/\(index)\">more</a> &amp; <b>\(paragraph(index + 1, words: 150))</b></p>"
    }

    static func rss(items: Int) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
        xml += "<title>Benchmark feed</title><link>https://bench.example/</link><description>generated</description>"
        for index in 0..<items {
            xml += "<item><title>Story \(index): \(paragraph(index, words: 8))</title>"
            xml += "<link>https://bench.example/story/\(index)</link><guid>https://bench.example/story/\(index)</guid>"
            xml += "<pubDate>Sun, 02 Mar 2025 10:\(String(format: "%02d", index % 60)):00 GMT</pubDate>"
            xml += "<dc:creator>Reporter \(index % 17)</dc:creator><category>World</category>"
            xml += "<description>\(escape(summaryHTML(index)))</description></item>\n"
        }
        return Array((xml + "</channel></rss>\n").utf8)
    }

    static func atom(items: Int) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        xml += "<title>Benchmark feed</title><id>urn:bench</id><updated>2025-03-02T10:00:00Z</updated>"
        for index in 0..<items {
            xml += "<entry><title>Story \(index): \(paragraph(index, words: 8))</title>"
            xml += "<link rel=\"alternate\" href=\"https://bench.example/story/\(index)\"/><id>urn:story:\(index)</id>"
            xml += "<updated>2025-03-02T10:\(String(format: "%02d", index % 60)):00Z</updated>"
            xml += "<author><name>Reporter \(index % 17)</name></author><category term=\"World\"/>"
            xml += "<summary type=\"html\">\(escape(summaryHTML(index)))</summary></entry>\n"
        }
        return Array((xml + "</feed>\n").utf8)
    }

    private static func escape(_ html: String) -> String {
        html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
