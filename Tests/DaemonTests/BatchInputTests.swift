import Foundation
import Testing

/// `feedwatch entities --jsonl` and `feedwatch match --jsonl`: one article per line in, one result
/// line per article out, through the real executable; and `entities --json`'s one document.
@Suite struct BatchInputTests {
    private func run(_ arguments: [String], input: String) throws -> (status: Int32, lines: [[String: Any]], errors: String, output: Data) {
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return (process.terminationStatus, lines, errors, output)
    }

    static let articles = """
    {"id": "a1", "title": "US ends offensive cyber operations against Russia", "content": "Vladimir Putin spoke in Moscow."}
    {"id": "a2", "content": "The council approved a budget for parks."}
    not an article
    {"id": "a4", "summary": "Russian dressing, and cyberattacks on Russian banks."}
    """

    @Test func matchPrintsOneLinePerArticleAndNamesABadLine() throws {
        guard CrashTests.executableIsBuilt() else { return }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-batch-\(UUID().uuidString).yaml")
        try """
        watchlists:
          - name: russia-cyber
            rule: all
            topics:
              - {name: cyber, terms: [cyber operations, cyberattack]}
              - {name: Russia, entity: Russia}
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try run(["match", "--config", config.path, "--jsonl", "-"], input: Self.articles)
        #expect(result.status == 1, "a line was not an article")
        #expect(result.errors.contains("-:3: not an article object"))
        #expect(result.lines.map { $0["id"] as? String } == ["a1", "a2", "a4"])
        #expect(result.lines.map { $0["line"] as? Int } == [1, 2, 4])
        let matched = result.lines.map { (($0["matches"] as? [[String: Any]]) ?? []).map { $0["watchlist"] as? String } }
        #expect(matched == [["russia-cyber"], [], ["russia-cyber"]])
    }

    @Test func entitiesPrintsOneLinePerArticle() throws {
        guard CrashTests.executableIsBuilt() else { return }
        let result = try run(["entities", "--jsonl", "-"], input: Self.articles)
        let first = try #require(result.lines.first)
        let names = (first["entities"] as? [[String: Any]] ?? []).compactMap { $0["canonical"] as? String }
        #expect(names.contains("Vladimir Putin") && names.contains("Moscow") && names.contains("Russia"))
        #expect(result.lines.count == 3)
    }

    /// The document is printed a mention at a time; it must still be one valid JSON object, empty or not.
    @Test func entitiesJSONIsOneDocument() throws {
        guard CrashTests.executableIsBuilt() else { return }
        for (text, expected) in [("Vladimir Putin spoke in Moscow about \"Russia\".\n", ["Vladimir Putin", "Moscow", "Russia"]),
                                 ("the council approved a budget\n", [])] {
            let result = try run(["entities", "--json", "-"], input: text)
            #expect(result.status == 0)
            let document = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
            let mentions = try #require(document["entities"] as? [[String: Any]])
            #expect(mentions.compactMap { $0["text"] as? String } == expected)
            #expect(mentions.allSatisfy { ($0["start"] as? Int ?? -1) >= 0 && $0["type"] is String && $0["canonical"] is String })
        }
    }
}
