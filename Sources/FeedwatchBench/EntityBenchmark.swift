import EntityCore
import Foundation

/// Watch-list matching and entity extraction throughput over news-like text, for watch-lists of
/// growing size. One core: articles are analysed one after another on this thread.
enum EntityBenchmark {
    static func run(arguments: [String]) throws {
        let megabytes = Measure.option("--megabytes", in: arguments, default: 50)
        // Passes per figure: the best and the median are printed. The machine's neighbours make
        // single runs swing by ±15%; instruction counts (valgrind) compare passes 1 and 4.
        let passCount = max(1, Measure.option("--passes", in: arguments, default: 3))
        let sizesArgument = arguments.firstIndex(of: "--sizes").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        let sizes = (sizesArgument ?? "10,1000,10000,100000").split(separator: ",").compactMap { Int($0) }
        // Real text and real phrases, when given: one article per line (plain text, or a JSON object
        // with title/summary/content), one phrase per line.
        let corpusFile = Measure.text("--corpus", in: arguments)
        let phrasesFile = Measure.text("--phrases", in: arguments)
        // Each article's fields as a feed gives them, for matching; joined into one text, for
        // entity extraction and the byte count.
        let fields = try corpusFile.map(readCorpus) ?? corpus(megabytes: megabytes).map { [$0] }
        let articles = fields.map { $0.filter { !$0.isEmpty }.joined(separator: "\n") }
        let feedArticles = fields.map { parts in
            parts.count == 3 ? Article(title: parts[0], summary: parts[1], content: parts[2]) : Article(content: parts.joined(separator: "\n"))
        }
        let phrases = try phrasesFile.map(readLines)
        let bytes = Double(articles.reduce(0) { $0 + $1.utf8.count }) / 1_048_576
        print(String(format: "entity core benchmark: %.1f MB of %@ in %d articles, %@ phrases, one core", bytes,
                     (corpusFile ?? "news-like generated text") as NSString, articles.count, (phrasesFile ?? "made-up") as NSString))
        for size in sizes {
            var engine: EntityEngine?
            let list = phrases.map { realWatchlist(Array($0.prefix(size))) } ?? watchlist(phrases: size)
            let compile = try Measure.seconds { engine = try EntityEngine(watchlists: [list]) }
            guard let engine else { continue }
            var matched = 0, hits = 0
            let passes = (0..<passCount).map { _ in
                Measure.seconds {
                    matched = 0
                    hits = 0
                    for article in feedArticles {
                        let matches = engine.match(article)
                        if !matches.isEmpty { matched += 1 }
                        for match in matches { hits += match.hits.count }
                    }
                }
            }.sorted()
            print(String(format: "  %6d phrases (%d compiled): compile %.2f s, match %.1f MB/s best, %.1f median; %d articles matched, %d hits, peak RSS %.0f MiB",
                         size, engine.watchPhraseCount, compile, bytes / passes[0], bytes / passes[passCount / 2], matched, hits, Measure.peakMemoryMiB))
        }
        // --match-only: the watch-list figures alone (for profiling the matcher).
        let extractors = arguments.contains("--match-only") ? []
            : [("entity extraction", try EntityEngine()), ("  rules only, no tagger", try EntityEngine(tagger: nil))]
        for (label, engine) in extractors {
            var mentions = 0
            let passes = (0..<passCount).map { _ in
                Measure.seconds {
                    mentions = 0
                    for article in articles { mentions += engine.entities(in: article).count }
                }
            }.sorted()
            print(String(format: "  %@: %.1f MB/s best, %.1f median; %.0f articles/s best; %d mentions, peak RSS %.0f MiB",
                         label as NSString, bytes / passes[0], bytes / passes[passCount / 2], Double(articles.count) / passes[0], mentions,
                         Measure.peakMemoryMiB))
        }
    }

    /// Real phrases, each its own topic (so every phrase that occurs is reported). A phrase is taken
    /// as written: a trailing `*` makes a prefix term only where the engine allows one (one word).
    static func realWatchlist(_ phrases: [String]) -> Watchlist {
        Watchlist(name: "bench", topics: phrases.enumerated().map { index, phrase in
            let literal = phrase.hasSuffix("*") && (phrase.contains(" ") || phrase.count < 4) ? String(phrase.dropLast()) : phrase
            return Topic(name: "p\(index)", terms: [literal])
        })
    }

    static func readLines(_ path: String) throws -> [String] {
        guard let bytes = Measure.readFile(path) else { throw BenchError("cannot read \(path)") }
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }

    /// Articles, one per line: a JSON object's title, summary and content (all three, empty where
    /// missing), or a plain line as one text.
    static func readCorpus(_ path: String) throws -> [[String]] {
        try readLines(path).map { line in
            guard line.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return [line] }
            return ["title", "summary", "content"].map { object[$0] as? String ?? "" }
        }
    }

    /// A watch-list with `phrases` terms: one real pair, the rest made-up two-word phrases.
    static func watchlist(phrases: Int) -> Watchlist {
        var terms = ["cyber operations", "Russia"]
        var index = 0
        while terms.count < phrases {
            terms.append("\(syllables(index)) \(syllables(index &* 7919 &+ 13))")
            index += 1
        }
        return Watchlist(name: "bench", topics: [Topic(name: "all", terms: Array(terms.prefix(phrases)))])
    }

    private static func syllables(_ seed: Int) -> String {
        let parts = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "va", "ze", "bor", "dan", "fel", "gus"]
        var value = abs(seed)
        var word = ""
        for _ in 0..<4 {
            word += parts[value % parts.count]
            value /= parts.count
        }
        return word
    }

    /// Articles of about 3 KB built from the generator's news vocabulary plus names, so both the
    /// gazetteer and the capitalised-name rules have work to do.
    static func corpus(megabytes: Int) -> [String] {
        let names = ["President Vladimir Putin", "Defense Secretary Pete Hegseth", "The New York Times", "Moscow", "Ukraine",
                     "Prime Minister Keir Starmer", "the White House", "Kiev", "Elon Musk", "NATO", "the U.S."]
        var articles: [String] = []
        var total = 0
        var index = 0
        while total < megabytes << 20 {
            var sentences: [String] = []
            for sentence in 0..<20 {
                let words = FeedGenerator.paragraph(index * 20 + sentence, words: 22)
                sentences.append("\(names[(index + sentence) % names.count]) said \(words).")
            }
            let article = sentences.joined(separator: " ")
            articles.append(article)
            total += article.utf8.count
            index += 1
        }
        return articles
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
