import CLibCurl
import Foundation

/// Why a fetch produced no usable response, in words a person understands, with libcurl's code kept
/// for whoever needs it (logs at debug level, metrics).
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole transfer ran out of time.
    case timedOut(after: TimeInterval, bytesReceived: Int)
    /// No connection within the connect timeout.
    case connectTimedOut(after: TimeInterval)
    /// The server sent less than the low-speed limit for too long.
    case tooSlow(bytesPerSecond: Int, seconds: Int)
    /// More redirects than allowed; `chain` holds the URLs visited, in order.
    case tooManyRedirects(limit: Int, chain: [String])
    case hostNotFound(host: String)
    case connectionRefused(host: String)
    /// The TLS handshake or the certificate check failed.
    case tls(detail: String)
    /// The decoded body passed the configured limit and was cut off.
    case bodyTooLarge(limit: Int)
    /// The connection ended before the response was complete.
    case truncated(bytesReceived: Int)
    /// Any other libcurl failure.
    case transport(code: Int, message: String)
    /// The request could not even be set up (a bad URL, an unsupported scheme).
    case setup(message: String)

    public var description: String {
        switch self {
        case .timedOut(let seconds, let bytes):
            "timed out after \(Self.seconds(seconds)) with \(bytes) bytes received"
        case .connectTimedOut(let seconds):
            "could not connect within \(Self.seconds(seconds))"
        case .tooSlow(let rate, let seconds):
            "the server sent less than \(rate) bytes/s for \(seconds) s; gave up"
        case .tooManyRedirects(let limit, let chain):
            "more than \(limit) redirects: \(Self.describeChain(chain))"
        case .hostNotFound(let host):
            "the host name \(host) could not be resolved"
        case .connectionRefused(let host):
            "could not connect to \(host) (connection refused or unreachable)"
        case .tls(let detail):
            "the secure connection failed: \(detail)"
        case .bodyTooLarge(let limit):
            "the body is larger than \(limit) bytes (after decoding); cut off"
        case .truncated(let bytes):
            "the connection closed before the response was complete (partial file, \(bytes) bytes received)"
        case .transport(let code, let message):
            "transfer failed: \(message) (libcurl error \(code))"
        case .setup(let message):
            "the request could not be made: \(message)"
        }
    }

    /// libcurl's error number, when the failure came from libcurl.
    public var curlCode: Int? {
        switch self {
        case .timedOut, .connectTimedOut, .tooSlow: Int(CURLE_OPERATION_TIMEDOUT.rawValue)
        case .tooManyRedirects: Int(CURLE_TOO_MANY_REDIRECTS.rawValue)
        case .hostNotFound: Int(CURLE_COULDNT_RESOLVE_HOST.rawValue)
        case .connectionRefused: Int(CURLE_COULDNT_CONNECT.rawValue)
        case .bodyTooLarge: Int(CURLE_WRITE_ERROR.rawValue)
        case .truncated: Int(CURLE_PARTIAL_FILE.rawValue)
        case .transport(let code, _): code
        case .tls, .setup: nil
        }
    }

    /// A short name for metrics labels.
    public var kind: String {
        switch self {
        case .timedOut, .connectTimedOut, .tooSlow: "timeout"
        case .tooManyRedirects: "redirects"
        case .hostNotFound: "dns"
        case .connectionRefused: "connect"
        case .tls: "tls"
        case .bodyTooLarge: "too_large"
        case .truncated: "truncated"
        case .transport, .setup: "transport"
        }
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// "a loop between /a and /b" when the chain comes back on itself, else the hops in order.
    static func describeChain(_ chain: [String]) -> String {
        let paths = chain.map(shortForm)
        var firstSeen: [String: Int] = [:]
        for (index, path) in paths.enumerated() {
            if let start = firstSeen[path] {
                let loop = Array(paths[start..<index])
                return loop.count == 1 ? "\(loop[0]) redirects to itself"
                    : "a loop between \(loop.dropLast().joined(separator: ", ")) and \(loop[loop.count - 1])"
            }
            firstSeen[path] = index
        }
        return paths.joined(separator: " → ")
    }

    /// The path (with its query) when every hop is on one host, as in most loops; else the whole URL.
    private static func shortForm(_ url: String) -> String {
        guard let components = URLComponents(string: url), components.host != nil else { return url }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }

    /// The typed error for a libcurl result code, from what the transfer saw.
    static func from(code: CURLcode, request: FetchRequest, host: String, bytesReceived: Int, elapsed: TimeInterval,
                     connected: Bool, redirectChain: [String]) -> FetchError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            if !connected { return .connectTimedOut(after: request.connectTimeout) }
            // The low-speed rule also ends in this code, well before the overall timeout.
            if elapsed + 0.5 < request.timeout { return .tooSlow(bytesPerSecond: Transfer.lowSpeedLimit, seconds: Transfer.lowSpeedTime) }
            return .timedOut(after: request.timeout, bytesReceived: bytesReceived)
        case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects(limit: Transfer.maximumRedirects, chain: redirectChain)
        case CURLE_COULDNT_RESOLVE_HOST: return .hostNotFound(host: host)
        case CURLE_COULDNT_CONNECT: return .connectionRefused(host: host)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            return .tls(detail: CurlError.describe(code))
        case CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_RECV_ERROR: return .truncated(bytesReceived: bytesReceived)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: return .setup(message: CurlError.describe(code))
        default: return .transport(code: Int(code.rawValue), message: CurlError.describe(code))
        }
    }
}
