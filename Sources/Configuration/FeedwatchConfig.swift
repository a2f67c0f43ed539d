import EntityCore
import Foundation

/// Everything `feeds.yaml` configures.
public struct FeedwatchConfig: Sendable {
    public var file: String
    public var settings = Settings()
    public var sinks: [SinkConfig] = []
    public var feeds: [FeedConfig] = []
    public var watchlists: [Watchlist] = []
    /// `delivery:` of a watch-list, by its name: its alerts' policy on each sink it goes to.
    public var watchlistPolicies: [String: DeliveryPolicy] = [:]
    /// Every file the configuration was read from (feeds.yaml and its includes), to watch for changes.
    public var files: [String] = []
    /// Where sinks and watch-lists are referred to, for `check`'s positions.
    var places: [NamePlace] = []

    public init(file: String) { self.file = file }
}

public struct Settings: Sendable, Equatable {
    /// Where the SQLite state lives; nil means `$STATE_DIRECTORY`, else `.feedwatch/` beside the config.
    public var statePath: String?
    public var interval: TimeInterval = 15 * 60
    public var minimumInterval: TimeInterval = 60
    public var maximumInterval: TimeInterval = 24 * 3600
    public var concurrency = 16
    public var perHost = 2
    public var timeout: TimeInterval = 30
    public var connectTimeout: TimeInterval = 10
    public var maximumBodyBytes = 10 << 20
    /// Days the plain text of entries is kept for `watchlist test --history`.
    public var historyDays = 30
    /// Consecutive failures after which a feed-health alert is raised.
    public var failureAlertAfter = 5
    /// Or: how long a feed may fail without a good fetch before it raises one, whatever the count.
    /// The schedule polls a failing feed again by then, so a feed broken from the start is reported within it.
    public var failureAlertWithin: TimeInterval = 3600
    /// A PostgreSQL database for the state instead of the SQLite file (nil: SQLite).
    public var database: DatabaseConfig?
    /// On a shared database, how long an instance's claim on a feed lasts (nil: twice the timeout
    /// plus a minute). A dead instance's feeds are polled by the others once it lapses.
    public var leaseTime: TimeInterval?
    /// Where `/metrics` and `/healthz` listen; nil turns the endpoint off.
    public var operationsListen: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 9464)
    /// How long a delivery is retried before it fails for good.
    public var deliveryMaximumAge: TimeInterval = 24 * 3600
    /// Delays before retry 1, 2, …; the last one repeats. Seconds, then minutes, then hours.
    public var deliveryRetryDelays: [TimeInterval] = [2, 10, 30, 60, 300, 900, 1800, 3600, 7200, 14_400]

    public init() {}
}

/// `database: postgres://user@host:port/name`, with its password kept elsewhere.
public struct DatabaseConfig: Sendable, Equatable {
    /// The URL as written, without a password.
    public var url: String
    public var password: SecretSource?
    public init(url: String, password: SecretSource? = nil) {
        self.url = url
        self.password = password
    }
}

/// A host (an IP address) and a TCP port to listen on.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// "127.0.0.1:9464", "[::1]:9464" or ":9464" (loopback); nil when it is none of these.
    public static func parse(_ text: String) -> ListenAddress? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return ListenAddress(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }
}

public struct SinkConfig: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// JSON lines appended to a file.
        case log(path: String)
        /// HTTP POST of the alert in a platform's format.
        case webhook(WebhookSink)
        /// A program run with the alert's JSON on its standard input.
        case command(CommandSink)
        /// An email through an SMTP server.
        case email(EmailSink)
    }

    public var name: String
    public var kind: Kind
    /// Each alert as it is raised (the default), or digests, quiet hours, a rate limit.
    public var policy = DeliveryPolicy()
    /// Where its feed-health alerts go: under the policy, at once, or not here.
    public var feedHealth = FeedHealthRouting.policy
    /// For a sink the configuration does not name but implies (one watch-list's alerts under that
    /// watch-list's policy, or feed-health alerts past the sink's policy): the sink it delivers to.
    public var deliversFor: String?
    /// Where the sink is written in the configuration, for `check`'s messages.
    public var file: String = ""
    public var line: Int = 0

    public init(name: String, kind: Kind, file: String = "", line: Int = 0) {
        self.name = name
        self.kind = kind
        self.file = file
        self.line = line
    }

    /// The same sink, wherever in the file it is written: moving it must not restart its delivery.
    /// (The file counts: relative secret files are read from beside it.)
    public static func == (lhs: SinkConfig, rhs: SinkConfig) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.policy == rhs.policy && lhs.feedHealth == rhs.feedHealth
            && lhs.deliversFor == rhs.deliversFor && lhs.file == rhs.file
    }
}

public struct WebhookSink: Sendable, Equatable {
    public var target: WebhookTarget
    public var format: WebhookFormat
    /// Signing secrets (Standard Webhooks): at most two, the current one and the next during rotation.
    public var secrets: [SecretSource]
    public var timeout: TimeInterval
    /// Telegram: the chat the bot writes to.
    public var chatID: String?
    /// Matrix: the room id (`!abc:example.org`) and the access token's source.
    public var room: String?
    public var token: SecretSource?

    public init(target: WebhookTarget, format: WebhookFormat = .generic, secrets: [SecretSource] = [], timeout: TimeInterval = 10,
                chatID: String? = nil, room: String? = nil, token: SecretSource? = nil) {
        self.target = target
        self.format = format
        self.secrets = secrets
        self.timeout = timeout
        self.chatID = chatID
        self.room = room
        self.token = token
    }
}

/// `type: command`: the program and its arguments (no shell), and how long one run may take.
public struct CommandSink: Sendable, Equatable {
    public var arguments: [String]
    public var timeout: TimeInterval

    public init(arguments: [String], timeout: TimeInterval = 30) {
        self.arguments = arguments
        self.timeout = timeout
    }
}

/// `type: email`: the SMTP server (`smtps://host` or `smtp://host:587` with STARTTLS), the envelope,
/// and the login, its password kept as a secret.
public struct EmailSink: Sendable, Equatable {
    public var server: String
    public var from: String
    public var to: [String]
    public var username: String?
    public var password: SecretSource?
    /// A CA bundle for the server's certificate, instead of the system's.
    public var caFile: String?
    /// `tls: optional`: STARTTLS when the server offers it, plain otherwise (a relay on the same host).
    public var requireTLS = true
    public var timeout: TimeInterval = 30

    public init(server: String, from: String, to: [String]) {
        self.server = server
        self.from = from
        self.to = to
    }
}

/// Where a webhook's URL comes from. Slack, Discord and Teams URLs carry their token in the path, so
/// the URL itself is the credential: it may live in a file or a variable, like any other secret.
public enum WebhookTarget: Sendable, Equatable {
    /// `url:` written in the configuration.
    case url(String)
    /// `url_file:` / `url_env:`, read at each delivery.
    case secret(SecretSource)

    /// What logs and output may show: scheme://host/… for a written URL, where it is kept otherwise.
    public var redacted: String {
        switch self {
        case .url(let url): return RedactedURL.display(url)
        case .secret(.file(let path)): return "the URL in '\(path)'"
        case .secret(.environment(let name)): return "the URL in $\(name)"
        }
    }
}

public enum WebhookFormat: String, Sendable, Equatable, CaseIterable {
    case generic, slack, discord, teams, ntfy, telegram, matrix
}

/// Where a webhook secret comes from: never the configuration file itself.
public enum SecretSource: Sendable, Equatable {
    case environment(String)
    /// A file, e.g. systemd's `$CREDENTIALS_DIRECTORY/NAME` from LoadCredential.
    case file(String)
}

public struct FeedConfig: Sendable, Equatable {
    public var url: String
    public var name: String?
    public var interval: TimeInterval?
    public var tags: [String] = []
    /// Names of the watch-lists that apply; nil means all.
    public var watchlists: [String]?
    public var enabled = true
    /// Alert on the entries already in the feed at its first poll (default: mark them seen quietly).
    public var alertOnFirstPoll = false

    public init(url: String) { self.url = url }
}
