import Foundation
@testable import FeedParser
import FeedModel

/// Loads and parses the fixture documents of this test target.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw FixtureMissing(name: name)
        }
        return Array(try Data(contentsOf: url))
    }

    static func parse(_ name: String, context: DocumentContext = DocumentContext()) throws -> Feed {
        try FeedParser().parse(bytes(name), context: context)
    }

    struct FixtureMissing: Error { let name: String }
}

func utc(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
}
