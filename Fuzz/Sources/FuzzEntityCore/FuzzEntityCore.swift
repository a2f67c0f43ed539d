import EntityCore

/// Built once: the built-in gazetteer and tagger, and watch-lists with every kind of phrase (terms,
/// a prefix term, aliases, an entity with its stand-ins, exclusions).
private let engine: EntityEngine = {
    do {
        return try EntityEngine(watchlists: [
            Watchlist(name: "cyber", topics: [
                Topic(name: "cyber operations", terms: ["offensive cyber operations", "cyber*", "U.S. Cyber Command"], aliases: ["CYBERCOM"]),
                Topic(name: "Russia", entity: "Russia", exclude: ["Russian River"], also: [.capital, .seat, .leaders]),
            ], rule: .all),
            Watchlist(name: "names", topics: [Topic(name: "NATO", terms: ["NATO", "North Atlantic Treaty Organization"], caseSensitive: true)]),
        ])
    } catch {
        fatalError("the fuzz target's watch-lists do not compile: \(error)")
    }
}()

/// Any text as an article: entities and matches whose offsets point at their own text, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    func written(_ start: Int, _ end: Int) -> String {
        guard 0 <= start, start < end, end <= scalars.count else { fatalError("offsets \(start)..<\(end) outside \(scalars.count) scalars") }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start..<end])
        return result
    }
    let newline = text.firstIndex(of: "\n") ?? text.endIndex
    let analysis = engine.analyze(Article(title: String(text[..<newline]), content: text))
    for mention in engine.entities(in: text) where written(mention.start, mention.end) != mention.text {
        fatalError("mention \(mention) is not the text at its offsets")
    }
    for match in analysis.matches {
        for hit in match.hits where hit.field == .content && written(hit.start, hit.end) != hit.matchedText {
            fatalError("hit '\(hit.matchedText)' is not the text at its offsets")
        }
    }
    return 0
}
