import Configuration
import Foundation
import Testing

@Suite struct WatchlistEditorTests {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-edit-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let config = """
    # kept comment
    watchlists:
      - name: w
        topics:
          - name: flow
            terms: [alpha, beta]   # trailing comment on another line stays below
          - name: block
            terms:
              - gamma
              - delta
          - name: bare
            entity: Russia
    """

    @Test func addsAndRemovesTermsKeepingComments() throws {
        let path = try write(config)
        try WatchlistEditor.change(.add, term: "epsilon", topic: "flow", watchlist: "w", config: path)
        try WatchlistEditor.change(.add, term: "zeta", topic: "block", watchlist: "w", config: path)
        try WatchlistEditor.change(.remove, term: "gamma", topic: "block", watchlist: "w", config: path)
        try WatchlistEditor.change(.add, term: "Kremlin", topic: "bare", watchlist: "w", config: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# kept comment"))
        let topics = try #require(try WatchlistLoader.load(path: path).first?.topics)
        #expect(topics[0].terms == ["alpha", "beta", "epsilon"])
        #expect(topics[1].terms == ["delta", "zeta"])
        #expect(topics[2].terms == ["Kremlin"])
        #expect(topics[2].entity == "Russia")
    }

    @Test func refusesWhatCannotBeDone() throws {
        let path = try write(config)
        #expect(throws: WatchlistEditor.EditError.self) {
            try WatchlistEditor.change(.add, term: "alpha", topic: "flow", watchlist: "w", config: path)
        }
        #expect(throws: WatchlistEditor.EditError.self) {
            try WatchlistEditor.change(.remove, term: "nothing", topic: "flow", watchlist: "w", config: path)
        }
        #expect(throws: WatchlistEditor.EditError.self) {
            try WatchlistEditor.change(.add, term: "x", topic: "missing", watchlist: "w", config: path)
        }
        #expect(throws: WatchlistEditor.EditError.self) {
            try WatchlistEditor.change(.add, term: "x", topic: "flow", watchlist: "nope", config: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == config, "a refused edit changes nothing")
    }
}
