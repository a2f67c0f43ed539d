/// An error from the libxml2 wrapper, with a message that says what failed.
public struct XMLKitError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
