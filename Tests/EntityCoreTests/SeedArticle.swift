import Foundation

/// The seed article lives in the shared folder beside the repository (a news agency's text, not copied here).
enum SeedArticle {
    static var url: URL {
        URL(fileURLWithPath: #filePath)  // …/Tests/EntityCoreTests/SeedArticle.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/fixtures/seed-article.txt")
    }

    static func text() throws -> String { try String(contentsOf: url, encoding: .utf8) }
}
