import CurlKit
import FeedParser
import Foundation
import Storage

/// Why one poll of one feed failed, typed, with a message a person understands.
public enum PollFailure: Error, Sendable, CustomStringConvertible {
    /// No usable response: the transfer itself failed.
    case fetch(FetchError)
    /// The server answered with an error status.
    case http(status: Int)
    /// 410 Gone: polling is paused until the URL changes.
    case gone
    /// The response was not a feed that could be read.
    case parse(FeedParseError)
    /// The feed's state could not be read or saved.
    case store(StoreError)

    public var description: String {
        switch self {
        case .fetch(let error): error.description
        case .http(let status): "the server answered HTTP \(status)\(Self.reason(status).map { " (\($0))" } ?? "")"
        case .gone: "the server answered HTTP 410 Gone: the feed was removed"
        case .parse(let error): error.message
        case .store(let error): error.description
        }
    }

    /// A short name for metrics labels.
    public var kind: String {
        switch self {
        case .fetch(let error): error.kind
        case .http(let status): "http_\(status / 100)xx"
        case .gone: "gone"
        case .parse: "parse"
        case .store: "store"
        }
    }

    static func reason(_ status: Int) -> String? {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 406: "Not Acceptable"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: nil
        }
    }
}
