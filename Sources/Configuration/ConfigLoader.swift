import EntityCore
import Foundation
import Yams

/// Reads and checks `feeds.yaml` and the files it includes. Every problem is reported, each with file,
/// line and column; unknown keys are errors, so a typo cannot silently switch something off.
public enum ConfigLoader {
    static let settingsKeys = ["state", "interval", "min_interval", "max_interval", "concurrency", "per_host", "timeout",
                               "connect_timeout", "max_body", "history_days", "failure_alert_after", "failure_alert_hours", "failure_alert_within", "delivery_max_age", "delivery_retry_delays", "metrics",
                               "database", "database_password_file", "database_password_env", "lease_time"]
    static let sinkKeys = ["name", "type", "path", "url", "url_file", "url_env", "format", "secret_env", "secret_file", "secret_envs", "secret_files", "timeout",
                           "chat_id", "room", "token_file", "token_env", "command", "feed_health",
                           "from", "to", "username", "password_file", "password_env", "ca_file", "tls"] + DeliveryPolicyReader.keys
    static let feedKeys = ["url", "name", "interval", "tags", "watchlists", "enabled", "alert_on_first_poll"]

    public static func load(path: String) throws(ConfigErrors) -> FeedwatchConfig {
        var config = FeedwatchConfig(file: path)
        var errors: [ConfigError] = []
        var visited = Set<String>()
        readFile(path, into: &config, visited: &visited, errors: &errors, top: true)
        crossCheck(&config, errors: &errors)
        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return config
    }

    /// Reads configuration text that is not in a file (includes are still read from disk, relative to
    /// the current folder): for tests and the fuzzer.
    public static func load(yaml: String, file: String) throws(ConfigErrors) -> FeedwatchConfig {
        var config = FeedwatchConfig(file: file)
        var errors: [ConfigError] = []
        var visited = Set<String>()
        read(yaml, path: file, into: &config, visited: &visited, errors: &errors, top: true)
        crossCheck(&config, errors: &errors)
        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return config
    }

    private static func readFile(_ path: String, into config: inout FeedwatchConfig, visited: inout Set<String>,
                                 errors: inout [ConfigError], top: Bool) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard visited.insert(absolute).inserted else {
            errors.append(ConfigError(file: path, line: 0, column: 0, message: "included more than once (an include loop?)"))
            return
        }
        config.files.append(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            errors.append(ConfigError(file: path, line: 0, column: 0, message: "cannot read the file (missing or not readable)"))
            return
        }
        read(String(decoding: data, as: UTF8.self), path: path, into: &config, visited: &visited, errors: &errors, top: top)
    }

    private static func read(_ text: String, path: String, into config: inout FeedwatchConfig, visited: inout Set<String>,
                             errors: inout [ConfigError], top: Bool) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let (line, column, problem) = Self.describe(error)
            errors.append(ConfigError(file: path, line: line, column: column, message: "not valid YAML: \(problem)"))
            return
        }
        guard let root else {
            // `: > feeds.yaml`, or an editor or deploy tool caught half-way: never a configuration.
            if top { errors.append(ConfigError(file: path, line: 0, column: 0, message: "the file is empty (truncated, or still being written?)")) }
            return
        }
        var reader = YAMLReader(file: path)
        var includes: [Node] = []
        if let sequence = root.sequence, !top {
            for item in sequence { WatchlistReader.readListItem(item, &reader, &config, &includes) }
        } else if let sections = reader.mapping(root, "the configuration", allowed: WatchlistLoader.topLevelKeys) {
            if let node = sections["settings"] { readSettings(node, &reader, &config.settings) }
            if let node = sections["sinks"] { readSinks(node, &reader, &config.sinks) }
            if let node = sections["feeds"] { readFeeds(node, &reader, &config.feeds) }
            if let node = sections["watchlists"] {
                if let sequence = node.sequence {
                    for item in sequence { WatchlistReader.readListItem(item, &reader, &config, &includes) }
                } else {
                    reader.fail(node, "watchlists must be a list")
                }
            }
            if let node = sections["include"] { includes.append(node) }
        }
        errors += reader.errors
        config.places += reader.places
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        for node in includes {
            var includeReader = YAMLReader(file: path)
            for file in includeReader.strings(node, "include") {
                let included = file.hasPrefix("/") ? file : directory.appendingPathComponent(file).path
                readFile(included, into: &config, visited: &visited, errors: &errors, top: false)
            }
            errors += includeReader.errors
        }
    }

    /// Where YAML went wrong and what the problem is, without Yams's quote of the offending line: that
    /// line may hold a webhook URL, which is a credential.
    private static func describe(_ error: Error) -> (line: Int, column: Int, problem: String) {
        func with(_ context: YamlError.Context?, _ problem: String) -> String {
            context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
        }
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _), YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            return (mark.line, mark.column, with(context, problem))
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, context.mark.column, "a key appears more than once in one mapping: \(duplicates.sorted().joined(separator: ", "))")
        case YamlError.reader(let problem, _, _, _):
            return (0, 0, problem)
        default:
            return (0, 0, "the text cannot be read as YAML")
        }
    }

    private static func readSettings(_ node: Node, _ reader: inout YAMLReader, _ settings: inout Settings) {
        guard let fields = reader.mapping(node, "settings", allowed: settingsKeys) else { return }
        settings.statePath = reader.string(fields["state"], "settings: state") ?? settings.statePath
        settings.interval = reader.duration(fields["interval"], "settings: interval") ?? settings.interval
        settings.minimumInterval = reader.duration(fields["min_interval"], "settings: min_interval") ?? settings.minimumInterval
        settings.maximumInterval = reader.duration(fields["max_interval"], "settings: max_interval") ?? settings.maximumInterval
        settings.concurrency = reader.integer(fields["concurrency"], "settings: concurrency", minimum: 1) ?? settings.concurrency
        settings.perHost = reader.integer(fields["per_host"], "settings: per_host", minimum: 1) ?? settings.perHost
        settings.timeout = reader.duration(fields["timeout"], "settings: timeout") ?? settings.timeout
        settings.connectTimeout = reader.duration(fields["connect_timeout"], "settings: connect_timeout") ?? settings.connectTimeout
        settings.maximumBodyBytes = reader.size(fields["max_body"], "settings: max_body") ?? settings.maximumBodyBytes
        settings.historyDays = reader.integer(fields["history_days"], "settings: history_days", minimum: 0) ?? settings.historyDays
        settings.failureAlertAfter = reader.integer(fields["failure_alert_after"], "settings: failure_alert_after", minimum: 1)
            ?? settings.failureAlertAfter
        if let node = fields["failure_alert_hours"] {
            settings.failureAlertWithin = reader.integer(node, "settings: failure_alert_hours", minimum: 1).map { Double($0) * 3600 }
                ?? settings.failureAlertWithin
        }
        settings.failureAlertWithin = reader.duration(fields["failure_alert_within"], "settings: failure_alert_within")
            ?? settings.failureAlertWithin
        if let node = fields["database"], let url = reader.string(node, "settings: database") {
            let components = URLComponents(string: url)
            if components?.scheme != "postgres" && components?.scheme != "postgresql" || components?.host == nil {
                reader.fail(node, "settings: database takes a PostgreSQL URL such as postgres://feedwatch@db.example/feedwatch")
            } else if components?.password != nil || components?.queryItems?.contains(where: { $0.name == "password" }) == true {
                reader.fail(node, "settings: database must not hold a password: use database_password_file or database_password_env")
            } else {
                let file = reader.string(fields["database_password_file"], "settings: database_password_file")
                let variable = reader.string(fields["database_password_env"], "settings: database_password_env")
                settings.database = DatabaseConfig(url: url, password: file.map(SecretSource.file) ?? variable.map(SecretSource.environment))
            }
        }
        settings.leaseTime = reader.duration(fields["lease_time"], "settings: lease_time") ?? settings.leaseTime
        if let lease = settings.leaseTime, lease < settings.timeout + 5, let node = fields["lease_time"] {
            // The lease must outlast a transfer and its processing, or a second instance polls the feed too.
            reader.fail(node, "settings: lease_time must be at least the timeout plus 5 s (\(Int(settings.timeout) + 5)s)")
        }
        if let node = fields["metrics"] {
            if node.scalar?.string == "off" || node.scalar?.string == "false" {
                settings.operationsListen = nil
            } else if let text = reader.string(node, "settings: metrics") {
                if let address = ListenAddress.parse(text) { settings.operationsListen = address } else {
                    reader.fail(node, "settings: metrics takes HOST:PORT (such as 127.0.0.1:9464) or off, not '\(text)'")
                }
            }
        }
        if let node = fields["delivery_retry_delays"] {
            let delays = (node.sequence.map(Array.init) ?? [node]).compactMap { reader.duration($0, "settings: delivery_retry_delays") }
            if delays.isEmpty { reader.fail(node, "settings: delivery_retry_delays must list at least one duration") } else {
                settings.deliveryRetryDelays = delays
            }
        }
        settings.deliveryMaximumAge = reader.duration(fields["delivery_max_age"], "settings: delivery_max_age") ?? settings.deliveryMaximumAge
        if settings.minimumInterval < 60, let node = fields["min_interval"] {
            reader.fail(node, "settings: min_interval must be at least 1m")
        }
    }

    private static func readSinks(_ node: Node, _ reader: inout YAMLReader, _ sinks: inout [SinkConfig]) {
        guard let sequence = node.sequence else { reader.fail(node, "sinks must be a list"); return }
        for item in sequence {
            guard let fields = reader.mapping(item, "a sink", allowed: sinkKeys) else { continue }
            guard let name = reader.string(fields["name"], "sink name"), !name.isEmpty else {
                reader.fail(item, "a sink needs a name")
                continue
            }
            let what = "sink '\(name)'"
            // The queues a sink's policies imply are named SINK/WATCHLIST: a slash would make them ambiguous.
            if name.contains("/") { reader.fail(fields["name"], "\(what): a sink's name cannot hold '/'") }
            // The delivery policy, once the sink is read (whatever its type): not for a log sink.
            let before = sinks.count
            defer { if sinks.count > before { readSinkPolicy(fields, what, &sinks[before], &reader) } }
            // An Apprise-style URL says which type it is.
            let written = fields["url"]?.scalar?.string ?? ""
            let implied = AppriseURL.isWebhook(written) ? "webhook" : AppriseURL.isEmail(written) ? "email" : nil
            let type = fields["type"] == nil ? implied : reader.string(fields["type"], "\(what): type")
            if type == "webhook" || type == "command" {
                for key in EmailSinkReader.keys where fields[key] != nil { reader.fail(fields[key], "\(what): \(key) is for email sinks") }
            }
            switch type {
            case "log":
                guard let path = reader.string(fields["path"], "\(what): path") else {
                    reader.fail(item, "\(what): a log sink needs a path")
                    continue
                }
                sinks.append(SinkConfig(name: name, kind: .log(path: path), file: reader.file, line: item.mark?.line ?? 0))
            case "webhook":
                guard let target = readWebhookTarget(fields, item, what, &reader) else { continue }
                var format = WebhookFormat.generic
                if let formatNode = fields["format"], let value = reader.string(formatNode, "\(what): format") {
                    if let known = WebhookFormat(rawValue: value) {
                        format = known
                    } else {
                        reader.fail(formatNode, "\(what): format must be one of \(WebhookFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
                    }
                }
                if case .url(let url) = target, AppriseURL.isWebhook(url), case .success(let apprise) = AppriseURL.webhook(url) {
                    if fields["format"] != nil, format != apprise.format {
                        reader.fail(fields["format"], "\(what): a \(AppriseURL.scheme(of: url) ?? ""):// URL is format \(apprise.format.rawValue)")
                    }
                    format = apprise.format
                }
                var secrets: [SecretSource] = []
                secrets += (reader.strings(fields["secret_env"], "\(what): secret_env") + reader.strings(fields["secret_envs"], "\(what): secret_envs"))
                    .map(SecretSource.environment)
                secrets += (reader.strings(fields["secret_file"], "\(what): secret_file") + reader.strings(fields["secret_files"], "\(what): secret_files"))
                    .map(SecretSource.file)
                if secrets.count > 2 { reader.fail(item, "\(what): at most two secrets (the current one and the next, during rotation)") }
                let timeout = reader.duration(fields["timeout"], "\(what): timeout") ?? 10
                var webhook = WebhookSink(target: target, format: format, secrets: secrets, timeout: timeout)
                readChannelAddress(fields, item, what, &webhook, &reader)
                sinks.append(SinkConfig(name: name, kind: .webhook(webhook), file: reader.file, line: item.mark?.line ?? 0))
            case "command":
                let arguments = reader.strings(fields["command"], "\(what): command")
                guard arguments.first?.hasPrefix("/") == true else {
                    reader.fail(fields["command"] ?? item, "\(what): a command sink needs command: [/absolute/path, arguments…]")
                    continue
                }
                let timeout = reader.duration(fields["timeout"], "\(what): timeout") ?? 30
                sinks.append(SinkConfig(name: name, kind: .command(CommandSink(arguments: arguments, timeout: timeout)), file: reader.file,
                                        line: item.mark?.line ?? 0))
            case "email":
                guard let email = EmailSinkReader.read(fields, item, what, &reader) else { continue }
                sinks.append(SinkConfig(name: name, kind: .email(email), file: reader.file, line: item.mark?.line ?? 0))
            case let other?:
                reader.fail(fields["type"], "\(what): type must be 'log', 'webhook', 'command' or 'email', not '\(other)'")
            case nil:
                reader.fail(item, "\(what) needs a type: log, webhook, command or email")
            }
        }
    }

    /// `digest:`, `quiet_hours:`, `max_per_hour:` and `feed_health:`, for any sink but a log sink
    /// (which writes each alert as it is raised).
    private static func readSinkPolicy(_ fields: [String: Node], _ what: String, _ sink: inout SinkConfig, _ reader: inout YAMLReader) {
        if !sink.kind.takesPolicies {
            for key in DeliveryPolicyReader.keys + ["feed_health"] {
                if let node = fields[key] { reader.fail(node, "\(what): a log sink writes every alert as it is raised; \(key) is for the other sinks") }
            }
            return
        }
        sink.policy = DeliveryPolicyReader.read(fields, what, &reader)
        if let node = fields["feed_health"], let value = reader.string(node, "\(what): feed_health") {
            if let routing = FeedHealthRouting(rawValue: value) { sink.feedHealth = routing } else {
                reader.fail(node, "\(what): feed_health must be \(FeedHealthRouting.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
            }
        }
    }

    /// What Telegram (`chat_id`) and Matrix (`room`, `token_file` or `token_env`) need besides the URL,
    /// and an ntfy URL's topic; each only where its format uses it.
    private static func readChannelAddress(_ fields: [String: Node], _ item: Node, _ what: String, _ webhook: inout WebhookSink,
                                           _ reader: inout YAMLReader) {
        let format = webhook.format
        if case .url(let url) = webhook.target, AppriseURL.isWebhook(url) {
            // The URL holds the chat, room and token.
            for key in ["chat_id", "room", "token_file", "token_env"] where fields[key] != nil {
                reader.fail(fields[key], "\(what): the Apprise URL gives the \(key) itself")
            }
            return
        }
        for (key, owner) in [("chat_id", WebhookFormat.telegram), ("room", .matrix), ("token_file", .matrix), ("token_env", .matrix)]
        where fields[key] != nil && format != owner {
            reader.fail(fields[key] ?? item, "\(what): \(key) is for format: \(owner.rawValue)")
        }
        webhook.chatID = fields["chat_id"].flatMap { reader.string($0, "\(what): chat_id") }
        webhook.room = fields["room"].flatMap { reader.string($0, "\(what): room") }
        if let file = fields["token_file"].flatMap({ reader.string($0, "\(what): token_file") }) { webhook.token = .file(file) }
        if let name = fields["token_env"].flatMap({ reader.string($0, "\(what): token_env") }) { webhook.token = .environment(name) }
        if fields["token_file"] != nil, let both = fields["token_env"] { reader.fail(both, "\(what): give token_file or token_env, not both") }
        switch format {
        case .telegram where webhook.chatID?.isEmpty ?? true:
            reader.fail(item, "\(what): a telegram sink needs a chat_id")
        case .matrix where (webhook.room?.hasPrefix("!") != true) || webhook.token == nil:
            reader.fail(item, "\(what): a matrix sink needs a room ('!id:server') and token_file or token_env")
        case .ntfy:
            if case .url(let url) = webhook.target, URLComponents(string: url).map({ $0.path.split(separator: "/").isEmpty || $0.query != nil }) ?? true {
                reader.fail(fields["url"] ?? item, "\(what): an ntfy URL names its topic: https://ntfy.example/TOPIC")
            }
        default:
            break
        }
    }

    /// Exactly one of `url`, `url_file` and `url_env`. A written URL is checked here; one kept as a
    /// secret is checked when it is read (and by `feedwatch check`).
    private static func readWebhookTarget(_ fields: [String: Node], _ item: Node, _ what: String,
                                          _ reader: inout YAMLReader) -> WebhookTarget? {
        let given = ["url", "url_file", "url_env"].filter { fields[$0] != nil }
        guard given.count == 1, let key = given.first else {
            reader.fail(item, given.isEmpty ? "\(what): a webhook needs a url, url_file or url_env"
                                            : "\(what): give one of \(given.joined(separator: ", ")), not several")
            return nil
        }
        guard let value = reader.string(fields[key], "\(what): \(key)"), !value.isEmpty else { return nil }
        switch key {
        case "url_file": return .secret(.file(value))
        case "url_env": return .secret(.environment(value))
        case _ where AppriseURL.isWebhook(value):
            if case .failure(let error) = AppriseURL.webhook(value) {
                reader.fail(fields[key], "\(what): \(error)")
                return nil
            }
            return .url(value)
        default:
            guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                // Not quoted back: a mistyped webhook URL is still a credential.
                reader.fail(fields[key], "\(what): a webhook needs an http(s) url")
                return nil
            }
            return .url(value)
        }
    }

    private static func readFeeds(_ node: Node, _ reader: inout YAMLReader, _ feeds: inout [FeedConfig]) {
        guard let sequence = node.sequence else { reader.fail(node, "feeds must be a list"); return }
        for item in sequence {
            if let url = item.scalar?.string {  // a bare URL
                feeds.append(FeedConfig(url: url))
                continue
            }
            guard let fields = reader.mapping(item, "a feed", allowed: feedKeys) else { continue }
            guard let url = reader.string(fields["url"], "feed url"), url.hasPrefix("http://") || url.hasPrefix("https://") else {
                reader.fail(fields["url"] ?? item, "a feed needs an http(s) url")
                continue
            }
            let what = "feed '\(url)'"
            var feed = FeedConfig(url: url)
            feed.name = reader.string(fields["name"], "\(what): name")
            feed.interval = reader.duration(fields["interval"], "\(what): interval")
            if let interval = feed.interval, interval < 60, let node = fields["interval"] {
                reader.fail(node, "\(what): interval must be at least 1m")
            }
            feed.tags = reader.strings(fields["tags"], "\(what): tags")
            if let lists = fields["watchlists"] {
                feed.watchlists = reader.strings(lists, "\(what): watchlists")
                for (index, list) in (feed.watchlists ?? []).enumerated() {
                    reader.note(.watchlistReference, list, at: lists.sequence.map(Array.init)?[index] ?? lists, owner: what)
                }
            }
            feed.enabled = reader.bool(fields["enabled"], "\(what): enabled") ?? true
            feed.alertOnFirstPoll = reader.bool(fields["alert_on_first_poll"], "\(what): alert_on_first_poll") ?? false
            feeds.append(feed)
        }
    }

    /// References between sections: watch-lists name sinks, feeds name watch-lists, names are unique.
    private static func crossCheck(_ config: inout FeedwatchConfig, errors: inout [ConfigError]) {
        func problem(_ message: String) { errors.append(ConfigError(file: config.file, line: 0, column: 0, message: message)) }
        let sinkNames = config.sinks.map(\.name)
        for name in Set(sinkNames) where sinkNames.filter({ $0 == name }).count > 1 { problem("sink '\(name)' is defined more than once") }
        let listNames = config.watchlists.map(\.name)
        for name in Set(listNames) where listNames.filter({ $0 == name }).count > 1 { problem("watch-list '\(name)' is defined more than once") }
        if listNames.contains(DeliveryRoutes.feedHealthName) { problem("'\(DeliveryRoutes.feedHealthName)' is the name of feed-health alerts; give the watch-list another") }
        let urls = config.feeds.map(\.url)
        for url in Set(urls) where urls.filter({ $0 == url }).count > 1 { problem("feed '\(url)' is listed more than once") }
        for place in config.places {
            let (defined, kind, known) = place.kind == .sinkReference
                ? (sinkNames.contains(place.name), "sink", sinkNames) : (listNames.contains(place.name), "watch-list", listNames)
            guard !defined else { continue }
            let hint = YAMLReader.closest(to: place.name, in: known).map { "; did you mean '\($0)'?" }
                ?? " (defined: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
            errors.append(ConfigError(file: place.file, line: place.line, column: place.column,
                                      message: "\(place.owner) names \(kind) '\(place.name)', which is not defined\(hint)"))
        }
        // Every topic's terms and entity were checked where they were read, with their lines;
        // compiling the watch-lists is the last check, and would only repeat those without lines.
        // The gazetteer is only needed (and only paid for) when a topic names an entity.
        guard errors.isEmpty else { return }
        let needsGazetteer = config.watchlists.contains { $0.topics.contains { $0.entity != nil } }
        do {
            _ = try EntityEngine(watchlists: config.watchlists, gazetteer: needsGazetteer ? .builtIn : Gazetteer(entries: []))
        } catch {
            problem(error.message)
        }
    }
}
