import Configuration
import EntityCore
import Foundation
import Testing

@Suite struct WatchlistLoaderTests {
    private func write(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The errors loading `yaml` as feeds.yaml reports, as printed; "" when it loads.
    private func errors(loading yaml: String) throws -> String {
        let path = try write(["feeds.yaml": yaml]).appendingPathComponent("feeds.yaml").path
        do {
            _ = try WatchlistLoader.load(path: path)
            return ""
        } catch let errors as ConfigErrors {
            return errors.description
        }
    }

    @Test func readsInlineAndIncludedWatchlists() throws {
        let folder = try write([
            "feeds.yaml": """
            sinks:
              - name: ops
                type: log
                path: alerts.jsonl
            watchlists:
              - name: russia-cyber
                rule: all
                min_mentions: 2
                fields: [title, content]
                sinks: [ops]
                topics:
                  - name: cyber operations
                    terms: [cyber operations]
                    exclude: [video game]
                  - name: Russia
                    entity: Russia
                  - NATO
              - include: lists/energy.yaml
            """,
            "lists/energy.yaml": """
            - name: energy
              topics:
                - name: gas
                  terms: [natural gas, LNG]
                  case_sensitive: true
            """,
        ])
        let lists = try WatchlistLoader.load(path: folder.appendingPathComponent("feeds.yaml").path)
        #expect(lists.map(\.name) == ["russia-cyber", "energy"])
        let first = lists[0]
        #expect(first.rule == .all)
        #expect(first.minimumMentions == 2)
        #expect(first.fields == [.title, .content])
        #expect(first.sinks == ["ops"])
        #expect(first.topics.map(\.name) == ["cyber operations", "Russia", "NATO"])
        #expect(first.topics[0].exclude == ["video game"])
        #expect(first.topics[1].entity == "Russia")
        #expect(first.topics[2].terms == ["NATO"])
        #expect(lists[1].topics[0].caseSensitive)
        #expect(lists[1].rule == .any, "any is the default rule")
        #expect(lists[1].fields == Set(ArticleField.allCases), "all fields by default")
    }

    @Test func unknownKeysAndBadValuesAreErrorsWithFileLineAndColumn() throws {
        let text = try errors(loading: """
            watchlists:
              - name: typo
                topcis:
                  - Russia
              - name: bad-rule
                rule: most
                min_mentions: zero
                topics: [Russia]
            """)
        #expect(text.contains("feeds.yaml:3:5: a watch-list: unknown key 'topcis'") && text.contains("did you mean 'topics'?"), "\(text)")
        #expect(text.contains("feeds.yaml:6:11: watch-list 'bad-rule': rule must be 'any' or 'all', not 'most'"), "\(text)")
        #expect(text.contains("min_mentions must be a whole number"), "\(text)")
    }

    /// A phrase the matcher reads no word in would never match: an error at its own line and column,
    /// whether it is punctuation, a symbol or combining marks with no letter (which fold to nothing).
    @Test func phrasesWithNoWordAreErrorsAtTheirPlace() throws {
        let text = try errors(loading: """
            watchlists:
              - name: w
                topics:
                  - {name: t, terms: [cyber, "---"], exclude: ["\u{0301}\u{0748}"]}
                  - name: u
                    aliases:
                      - "🚀"
                    terms: [ok, "cyber*"]
            """)
        #expect(text.contains("feeds.yaml:4:34: watch-list 'w', topic 't': terms: '---' has no word to match"), "\(text)")
        #expect(text.contains("feeds.yaml:4:52: watch-list 'w', topic 't': exclude: '\u{0301}\u{0748}' has no word to match"), "\(text)")
        #expect(text.contains("feeds.yaml:7:13: watch-list 'w', topic 'u': aliases: '🚀' has no word to match"), "\(text)")
        #expect(!text.contains("'ok'") && !text.contains("cyber"), "\(text)")
    }

    /// Every unknown entity is an error at its line; the first twenty get a suggestion from the
    /// gazetteer's names, so a file of thousands of them is still checked at once.
    @Test func unknownEntitiesAreErrorsAndTheFirstGetSuggestions() throws {
        let topics = (0..<25).map { "      - {name: t\($0), entity: Rusia}" }.joined(separator: "\n")
        let lines = try errors(loading: "watchlists:\n  - name: w\n    topics:\n" + topics + "\n").split(separator: "\n")
        #expect(lines.count == 25, "\(lines)")
        #expect(lines.filter { $0.contains("entity 'Rusia' is not in the gazetteer (did you mean 'Russia'?); use terms instead") }.count == 20)
        #expect(lines.last?.hasSuffix(":28:29: watch-list 'w', topic 't24': entity 'Rusia' is not in the gazetteer; use terms instead") == true,
                "\(lines.last ?? "")")
    }

    /// An entity named without diacritics is found; an empty one is said to be empty, not given a
    /// suggestion; a huge one is refused at once.
    @Test func entitiesWithoutDiacriticsEmptyOrHuge() throws {
        let huge = String(repeating: "É", count: 100_000)
        let yaml = "watchlists:\n  - name: w\n    topics:\n      - {name: a, entity: Sao Paulo}\n      - {name: b, entity: \"\"}\n"
            + "      - {name: c, entity: \"\(huge)\"}\n"
        let lines = try errors(loading: yaml).split(separator: "\n")
        #expect(lines.count == 2, "\(lines.map { $0.prefix(120) })")
        #expect(lines.first?.hasSuffix(":5:27: watch-list 'w', topic 'b': entity is empty; give the name of a gazetteer entry") == true,
                "\(lines.first ?? "")")
        #expect(lines.last?.contains("topic 'c': entity 'ÉÉÉ") == true)
    }

    @Test func missingFileAndInvalidYAMLAreReported() throws {
        #expect(throws: ConfigErrors.self) { _ = try WatchlistLoader.load(path: "/nonexistent/feeds.yaml") }
        let folder = try write(["feeds.yaml": "watchlists: [unclosed"])
        #expect {
            _ = try WatchlistLoader.load(path: folder.appendingPathComponent("feeds.yaml").path)
        } throws: { error in
            "\(error)".contains("not valid YAML")
        }
    }
}
