/// Why a document could not be read as a feed at all. (A feed that was recovered is not an error:
/// it comes back with `bozo` set.)
public struct FeedParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        private enum Value: String { case tooLarge, notAFeed, invalidJSON }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        public static let tooLarge = Code(.tooLarge)
        public static let notAFeed = Code(.notAFeed)
        public static let invalidJSON = Code(.invalidJSON)
        public var description: String { value.rawValue }
    }

    public let code: Code
    /// What was wrong, in words a person can act on.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
