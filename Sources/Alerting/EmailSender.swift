import CurlKit
import Foundation

/// Sends one message through an SMTP server and says what became of it, as a webhook's outcome:
/// a server's 4xx reply, a timeout or a lost connection is tried again; a 5xx reply (a recipient
/// refused, a message too big) is refused for good, except a refused login, which an operator
/// mends by fixing the password, so it is tried again until the delivery's age runs out.
public struct EmailSender: Sendable {
    public var server: String
    public var from: String
    public var recipients: [String]
    public var username: String?
    public var caFile: String?
    public var requireTLS: Bool
    public var timeout: TimeInterval

    public init(server: String, from: String, recipients: [String], username: String?, caFile: String?, requireTLS: Bool, timeout: TimeInterval) {
        self.server = server
        self.from = from
        self.recipients = recipients
        self.username = username
        self.caFile = caFile
        self.requireTLS = requireTLS
        self.timeout = timeout
    }

    public func send(_ message: [UInt8], password: String?) -> WebhookOutcome {
        let request = SMTPSend.Request(url: server, from: from, recipients: recipients, message: message, username: username, password: password,
                                       caFile: caFile, requireTLS: requireTLS, timeoutSeconds: timeout)
        let reply: SMTPSend.Reply
        do {
            reply = try SMTPSend.send(request)
        } catch {
            return .retry(reason: error.description, after: nil)
        }
        guard let error = reply.error else { return .delivered(status: reply.code) }
        let reason = reply.code > 0 ? "SMTP \(reply.code): \(error.description)" : error.description
        switch reply.code {
        case 500..<600 where ![530, 534, 535, 538].contains(reply.code): return .rejected(reason: reason)
        default: return .retry(reason: reason, after: nil)
        }
    }
}
