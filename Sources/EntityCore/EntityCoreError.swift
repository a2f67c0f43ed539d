/// A watch-list that cannot be compiled, with what to change.
public struct EntityCoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
