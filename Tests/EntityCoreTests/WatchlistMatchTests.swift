@testable import EntityCore
import Testing

@Suite struct WatchlistMatchTests {
    private func engine(_ topics: [Topic], rule: Watchlist.Rule = .any, minimum: Int = 1,
                        fields: Set<ArticleField> = Set(ArticleField.allCases)) throws -> EntityEngine {
        try EntityEngine(watchlists: [Watchlist(name: "w", topics: topics, rule: rule, minimumMentions: minimum, fields: fields)])
    }

    @Test func theSeedArticleAlertsOnCyberOperationsAndRussiaWithBothTopics() throws {
        let engine = try self.engine([Topic(name: "cyber operations", terms: ["cyber operations"]),
                                      Topic(name: "Russia", terms: ["Russia"])], rule: .all)
        let match = try #require(engine.match(Article(content: SeedArticle.text())).first)
        #expect(match.watchlist == "w")
        #expect(match.topics == ["cyber operations", "Russia"])
        let cyber = try #require(match.hits.first { $0.topic == "cyber operations" })
        #expect(cyber.matchedText == "cyber operations")
        #expect(cyber.field == .content)
        #expect(cyber.snippet.hasPrefix("March 2 (UPI)"))
        #expect(cyber.snippet.contains("offensive cyber operations targeting Russia"))
        #expect(match.hits.contains { $0.topic == "Russia" && $0.matchedText == "Russia" })
        #expect(match.score == Double(match.hits.count), "content hits weigh 1 each")
    }

    @Test(arguments: [
        ("The Cyber Operations unit", true),
        ("new cyber-operations rules", true),
        ("a cyber operation was launched", true),
        ("CYBER OPERATIONS", true),
        ("cyberoperations are different", false),
        ("cyber and other operations", false),
    ])
    func termsMatchAcrossCaseHyphensAndInflections(text: String, expected: Bool) throws {
        let engine = try self.engine([Topic(name: "c", terms: ["cyber operations"])])
        #expect(!engine.match(Article(content: text)).isEmpty == expected, "\(text)")
    }

    /// Stray combining marks (an emoji's variation selector) fold to an empty word: no term is made
    /// of one, and a term's stray mark is no word of it.
    @Test func strayMarksAreNoWordOfATerm() throws {
        let engine = try self.engine([Topic(name: "c", terms: ["\u{0301}\u{FE0F}", "cyber \u{FE0F}operations"])])
        #expect(engine.watchPhraseCount == 1)
        #expect(engine.match(Article(content: "new cyber operations")).first?.hits.first?.term == "cyber \u{FE0F}operations")
        #expect(engine.match(Article(content: "a \u{0301} mark, then \u{FE0F}")).isEmpty)
    }

    @Test(arguments: [
        ("Russia's army", true), ("Russia", true), ("the Prussian king", false), ("Prussia", false), ("russians", false),
    ])
    func wordBoundaries(text: String, expected: Bool) throws {
        let engine = try self.engine([Topic(name: "r", terms: ["Russia"])])
        #expect(!engine.match(Article(content: text)).isEmpty == expected, "\(text)")
    }

    @Test(arguments: [("The US said", true), ("tell us more", false), ("IT budgets", true), ("it is", false)])
    func acronymsMatchOnlyAsWritten(text: String, expected: Bool) throws {
        let engine = try self.engine([Topic(name: "acronyms", terms: ["US", "IT"])])
        #expect(!engine.match(Article(content: text)).isEmpty == expected, "\(text)")
    }

    @Test func caseSensitiveTopics() throws {
        let engine = try self.engine([Topic(name: "apple", terms: ["Apple"], caseSensitive: true)])
        #expect(!engine.match(Article(content: "Apple shares rose")).isEmpty)
        #expect(engine.match(Article(content: "an apple a day")).isEmpty)
    }

    @Test func entityTopicsUseNamesAliasesAndDemonyms() throws {
        let engine = try self.engine([Topic(name: "Russia", entity: "Russia")])
        for text in ["Russian forces advanced", "the Russian Federation said", "Russia said"] {
            #expect(engine.match(Article(content: text)).first?.hits.first?.kind == .entity, "\(text)")
        }
        #expect(engine.match(Article(content: "russian dolls are sold here in lower case")).isEmpty,
                "gazetteer names need their capital letter")
    }

    @Test func everyWordOfAnEntityNameNeedsItsCapital() throws {
        let engine = try self.engine([Topic(name: "UK", entity: "United Kingdom")])
        #expect(engine.match(Article(content: "The United Kingdom said no.")).first?.hits.first?.matchedText == "United Kingdom")
        for text in ["a united kingdom of elves", "the United kingdom of elves", "the united Kingdom of elves"] {
            #expect(engine.match(Article(content: text)).isEmpty, "\(text)")
        }
    }

    @Test func hitsComeInTextOrderAcrossTopics() throws {
        // "New York Times" ends after "York" inside it but starts before: the hits are sorted by start.
        let engine = try self.engine([Topic(name: "york", terms: ["York"]), Topic(name: "paper", terms: ["New York Times"]),
                                      Topic(name: "said", terms: ["said"])])
        let hits = engine.match(Article(title: "York", content: "The New York Times said York was calm.")).first?.hits
        #expect(hits?.map(\.matchedText) == ["York", "New York Times", "York", "said", "York"])
        #expect(hits?.map(\.field) == [.title, .content, .content, .content, .content])
    }

    /// The matcher keeps only the tokens a phrase can be made of (those read while a phrase may be
    /// under way): a hit far into a long text still checks and reports its own words.
    @Test func hitsFarIntoALongTextReadTheirOwnWords() throws {
        let engine = try self.engine([Topic(name: "UK", entity: "United Kingdom"),
                                      Topic(name: "cyber", terms: ["offensive cyber operations"])])
        let filler = String(repeating: "officials said the talks went on ", count: 200)
        let before = filler + "the united Kingdom and United Nations. " + filler + "The "
        let match = try #require(engine.match(Article(content: before + "United Kingdom ended offensive cyber operations. " + filler)).first)
        #expect(match.hits.map(\.matchedText) == ["United Kingdom", "offensive cyber operations"])
        #expect(match.hits.first?.start == before.count)
        #expect(match.hits.first?.end == before.count + "United Kingdom".count)
    }

    @Test func aPhraseDoesNotRunFromOneFieldIntoTheNext() throws {
        let engine = try self.engine([Topic(name: "cyber", terms: ["cyber operations"]), Topic(name: "ru", entity: "Russia")])
        #expect(engine.match(Article(title: "Russia and cyber", summary: "operations go on")).first?.topics == ["ru"])
        let both = engine.match(Article(title: "Russia", summary: "New cyber operations", content: "cyber operations"))
        #expect(both.first?.topics == ["cyber", "ru"])
        #expect(both.first?.hits.map(\.field) == [.title, .summary, .content])
    }

    @Test func excludeTermsVetoTheTopic() throws {
        let engine = try self.engine([Topic(name: "c", terms: ["cyber attack"], exclude: ["video game"])])
        #expect(!engine.match(Article(content: "A cyber attack hit banks.")).isEmpty)
        #expect(engine.match(Article(content: "A cyber attack in the new video game.")).isEmpty)
    }

    @Test func allRuleNeedsEveryTopicAndMinimumMentionsCounts() throws {
        let all = try engine([Topic(name: "a", terms: ["alpha"]), Topic(name: "b", terms: ["beta"])], rule: .all)
        #expect(all.match(Article(content: "alpha only")).isEmpty)
        #expect(!all.match(Article(content: "alpha and beta")).isEmpty)
        let twice = try engine([Topic(name: "a", terms: ["alpha"])], minimum: 2)
        #expect(twice.match(Article(content: "one alpha")).isEmpty)
        #expect(!twice.match(Article(content: "alpha, alpha")).isEmpty)
    }

    @Test func fieldsLimitWhereToLookAndWeighTheScore() throws {
        let titleOnly = try engine([Topic(name: "a", terms: ["alpha"])], fields: [.title])
        #expect(titleOnly.match(Article(title: "nothing", content: "alpha")).isEmpty)
        let match = try #require(titleOnly.match(Article(title: "Alpha news", content: "alpha")).first)
        #expect(match.hits.map(\.field) == [.title])
        #expect(match.score == 3)
    }

    @Test func badWatchlistsAreRefusedWithAReason() {
        #expect(throws: EntityCoreError.self) { try EntityEngine(watchlists: [Watchlist(name: "empty", topics: [])]) }
        #expect {
            try EntityEngine(watchlists: [Watchlist(name: "w", topics: [Topic(name: "x", entity: "Narnia")])])
        } throws: { error in
            "\(error)".contains("entity 'Narnia' is not in the gazetteer")
        }
    }

    @Test func oneEngineAnalysesConcurrently() async throws {
        let engine = try self.engine([Topic(name: "r", terms: ["Russia"])])
        let text = try SeedArticle.text()
        let counts = await withTaskGroup(of: Int.self, returning: [Int].self) { group in
            for _ in 0..<8 { group.addTask { engine.match(Article(content: text)).first?.hits.count ?? 0 } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(counts).count == 1)
        #expect(counts.first ?? 0 > 0)
    }

    /// Names that hold the entity's name but are about something else do not count for it.
    @Test(arguments: [
        ("They served Russian dressing on the salad.", false),
        ("Kayakers paddled the Russian River near Guerneville.", false),
        ("A game of Russian roulette in the film.", false),
        ("Russian officials denied the report.", true),
        ("Russian dressing was served while Russian troops advanced.", true),
    ])
    func entityFalseFriendsDoNotCount(text: String, expected: Bool) throws {
        let engine = try self.engine([Topic(name: "Russia", entity: "Russia")])
        let match = engine.match(Article(content: text)).first
        #expect((match != nil) == expected, "\(text): \(match?.hits.map(\.matchedText) ?? [])")
        if let match { #expect(match.hits.allSatisfy { !text[text.index(text.startIndex, offsetBy: $0.start)...].hasPrefix("Russian dressing") }) }
    }

    /// "offensive cyber" inside "offensive cyber operations" is one mention of the topic, scored once.
    @Test func overlappingHitsOfOneTopicCountOnce() throws {
        let engine = try self.engine([Topic(name: "cyber", terms: ["offensive cyber", "cyber operations", "offensive cyber operations"])])
        let match = try #require(engine.match(Article(content: "The US halted offensive cyber operations. Offensive cyber work goes on.")).first)
        #expect(match.hits.map(\.matchedText) == ["offensive cyber operations", "Offensive cyber"])
        #expect(match.score == 2)
    }

    /// `cyber*` is any word that starts with "cyber", in any case, diacritics folded.
    @Test(arguments: [
        ("Cyberattacks hit the grid.", ["Cyberattacks"]),
        ("cyberspying and cyber operations", ["cyberspying", "cyber"]),
        ("CYBERWAR", ["CYBERWAR"]),
        ("hypercyber cybe", []),
    ])
    func prefixTermsMatchWordsThatStartWithThem(text: String, expected: [String]) throws {
        let engine = try self.engine([Topic(name: "cyber", terms: ["cyber*"])])
        #expect((engine.match(Article(content: text)).first?.hits.map(\.matchedText) ?? []) == expected)
    }

    @Test(arguments: ["offensive cyber*", "cy*", "*"])
    func aPrefixTermIsOneWordOfThreeLettersOrMore(term: String) {
        #expect(throws: EntityCoreError.self) { _ = try self.engine([Topic(name: "t", terms: [term])]) }
    }

    /// `also:` counts what stands for the country in the news; its false friends stay out.
    @Test(arguments: [
        ("Moscow said the talks would go on.", [EntityStandIn.capital], true),
        ("The Kremlin denied the report.", [.seat], true),
        ("Putin ordered a review.", [.leaders], true),
        ("Moscow said the talks would go on.", [], false),
        ("The Kremlin denied the report.", [.capital, .leaders], false),
        ("Police in Moscow, Idaho, made an arrest.", [.capital], false),
        ("She ordered a Moscow mule.", [.capital], false),
    ])
    func standInsCountOnlyWhenAskedFor(text: String, also: [EntityStandIn], expected: Bool) throws {
        let engine = try self.engine([Topic(name: "Russia", entity: "Russia", also: Set(also))])
        #expect(!engine.match(Article(content: text)).isEmpty == expected, "\(text) with \(also)")
    }
}

@Suite struct ManyTopicsTests {
    @Test func manyTopicsAndManyWatchListsEachReportTheirOwnHits() throws {
        // 2,000 topics over 20 watch-lists; only a few are hit, each in its own list.
        let lists = (0..<20).map { list in
            Watchlist(name: "list\(list)", topics: (0..<100).map { Topic(name: "t\(list)-\($0)", terms: ["zq\(list)x\($0) marker"]) })
        }
        let engine = try EntityEngine(watchlists: lists)
        let matches = engine.match(Article(content: "First zq3x7 marker here. Then zq3x9 marker, zq15x0 marker and zq3x7 marker again."))
        #expect(matches.map(\.watchlist) == ["list3", "list15"])
        #expect(matches.first?.topics == ["t3-7", "t3-9"])
        #expect(matches.first?.hits.map(\.matchedText) == ["zq3x7 marker", "zq3x9 marker", "zq3x7 marker"])
        #expect(matches.first?.hits.first?.snippet == "First zq3x7 marker here.")
        #expect(matches.last?.hits.map(\.matchedText) == ["zq15x0 marker"])
        #expect(matches.last?.score == 1)
    }

    /// The matcher keeps the last words in a ring as long as the longest phrase: on the stack up to
    /// 32 words, on the heap beyond. Phrases on both sides of that line match with their case rules
    /// (the capital of a proper name, an acronym's exact spelling) checked on every word.
    @Test(arguments: [31, 32, 33, 70])
    func phrasesLongerThanTheRingOnTheStackMatch(words: Int) throws {
        let body = (1..<words - 1).map { "w\($0)" }.joined(separator: " ")
        let phrase = "Alpha " + body + " NATO"
        let engine = try EntityEngine(watchlists: [
            Watchlist(name: "w", topics: [Topic(name: "long", terms: [phrase]), Topic(name: "short", terms: ["tail"])]),
        ])
        let text = "Before. The " + phrase + " tail, then " + "alpha " + body + " nato, and " + body + " NATO."
        let match = try #require(engine.match(Article(content: text)).first)
        #expect(match.hits.map(\.matchedText) == [phrase, "tail"], "\(words) words: only the phrase as spelt matches")
        let hit = try #require(match.hits.first)
        #expect(hit.start == "Before. The ".count && hit.end == hit.start + phrase.count)
    }

    @Test func aSnippetInATextWithoutSentenceEndsStaysShort() throws {
        let engine = try EntityEngine(watchlists: [Watchlist(name: "w", topics: [Topic(name: "t", terms: ["needle"])])])
        let text = String(repeating: "hay ", count: 50_000) + "needle " + String(repeating: "hay ", count: 50_000)
        let hit = try #require(engine.match(Article(content: text)).first?.hits.first)
        #expect(hit.matchedText == "needle")
        #expect(hit.snippet.contains("needle") && hit.snippet.utf8.count <= Snippet.maximumLength)
    }
}
