import CurlKit
import Foundation

/// What became of one webhook POST.
public enum WebhookOutcome: Sendable, Equatable {
    case delivered(status: Int)
    /// Worth trying again: a timeout, a connection error, 408, 429 or 5xx; `after` is the server's Retry-After.
    case retry(reason: String, after: TimeInterval?)
    /// Not worth trying again: another 4xx, a redirect (not followed on purpose).
    case rejected(reason: String)
}

/// POSTs one alert to a webhook, with the Standard Webhooks headers. Blocking: each sink's
/// sink worker runs it off the cooperative pool, so a slow receiver holds up nothing else.
public struct WebhookSender: Sendable {
    public var url: String
    public var timeout: TimeInterval
    public var userAgent: String

    public init(url: String, timeout: TimeInterval, userAgent: String) {
        self.url = url
        self.timeout = timeout
        self.userAgent = userAgent
    }

    public func send(body: String, id: String, timestamp: Int, secrets: [String]) -> WebhookOutcome {
        send(ChannelRequest(method: "POST", url: url, headers: ["Content-Type: application/json"], body: body), id: id, timestamp: timestamp,
             secrets: secrets)
    }

    /// Sends `request` (its own URL and method) with the Standard Webhooks headers added.
    public func send(_ request: ChannelRequest, id: String, timestamp: Int, secrets: [String]) -> WebhookOutcome {
        var headers = request.headers + ["webhook-id: \(id)", "webhook-timestamp: \(timestamp)"]
        if !secrets.isEmpty {
            headers.append("webhook-signature: \(WebhookSigner.signature(id: id, timestamp: timestamp, body: request.body, secrets: secrets))")
        }
        let response: HTTPResponse
        do {
            response = try HTTPPost.send(request.url, method: request.method, body: Array(request.body.utf8), headers: headers,
                                         timeoutSeconds: timeout, userAgent: userAgent)
        } catch {
            return .retry(reason: error.description, after: nil)
        }
        switch response.status {
        case 200..<300:
            return .delivered(status: response.status)
        case 408, 429, 500..<600:
            return .retry(reason: "HTTP \(response.status)", after: response.header("retry-after").flatMap { RetryAfter.seconds($0) })
        case 300..<400:
            return .rejected(reason: "HTTP \(response.status): redirects are not followed; configure the final URL")
        default:
            return .rejected(reason: "HTTP \(response.status)")
        }
    }
}

/// Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
public enum RetryAfter {
    public static func seconds(_ value: String, now: Date = Date()) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return max(0, seconds) }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
