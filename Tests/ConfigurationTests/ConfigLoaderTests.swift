import Configuration
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
    private func load(_ yaml: String) throws -> FeedwatchConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-cfg-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(path: path)
    }

    private func errors(_ yaml: String) -> String {
        do {
            _ = try load(yaml)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func readsSettingsSinksAndFeeds() throws {
        let config = try load("""
        settings:
          interval: 30m
          max_body: 2MB
          concurrency: 8
        sinks:
          - {name: log, type: log, path: alerts.jsonl}
          - {name: chat, type: webhook, url: "https://hooks.example/x", format: slack, secret_env: CHAT_SECRET}
        watchlists:
          - {name: w, sinks: [chat], topics: [Russia]}
        feeds:
          - https://feeds.example/a.xml
          - {url: "https://feeds.example/b.xml", name: B, interval: 1h, watchlists: [w], enabled: false}
        """)
        #expect(config.settings.interval == 1800)
        #expect(config.settings.maximumBodyBytes == 2 << 20)
        #expect(config.settings.concurrency == 8)
        #expect(config.sinks.map(\.name) == ["log", "chat"])
        #expect(config.sinks[1].kind == .webhook(WebhookSink(target: .url("https://hooks.example/x"), format: .slack,
                                                             secrets: [.environment("CHAT_SECRET")], timeout: 10)))
        #expect(config.sinks[1].line == 7)
        #expect(config.feeds.map(\.url) == ["https://feeds.example/a.xml", "https://feeds.example/b.xml"])
        #expect(config.feeds[1].interval == 3600)
        #expect(config.feeds[1].enabled == false)
        #expect(config.feeds[1].watchlists == ["w"])
    }

    @Test(arguments: [
        ("", ListenAddress(host: "127.0.0.1", port: 9464)),
        ("settings: {metrics: off}", nil),
        ("settings: {metrics: ':9100'}", ListenAddress(host: "127.0.0.1", port: 9100)),
        ("settings: {metrics: '[::1]:9100'}", ListenAddress(host: "::1", port: 9100)),
    ] as [(String, ListenAddress?)])
    func theMetricsEndpointIsOnLoopbackByDefaultAndCanBeMovedOrTurnedOff(yaml: String, expected: ListenAddress?) throws {
        #expect(try load(yaml + "\nfeeds: [https://feeds.example/a.xml]\n").settings.operationsListen == expected)
    }

    @Test func aBrokenFeedIsReportedWithinAnHourByDefault() throws {
        #expect(try load("feeds: [https://feeds.example/a.xml]\n").settings.failureAlertWithin == 3600)
        #expect(try load("settings: {failure_alert_within: 30m}\nfeeds: [https://feeds.example/a.xml]\n").settings.failureAlertWithin == 1800)
        #expect(try load("settings: {failure_alert_hours: 2}\nfeeds: [https://feeds.example/a.xml]\n").settings.failureAlertWithin == 7200)
    }

    @Test(arguments: [
        ("settings:\n  intervall: 5m\n", "2:3: settings: unknown key 'intervall'"),
        ("settings:\n  interval: 30s\n  min_interval: 10s\n", "min_interval must be at least 1m"),
        ("settings:\n  max_body: lots\n", "max_body must be a size"),
        ("settings:\n  metrics: 9464\n", "2:12: settings: metrics takes HOST:PORT (such as 127.0.0.1:9464) or off, not '9464'"),
        ("sinks:\n  - {name: x, type: sms}\n", "type must be 'log', 'webhook', 'command' or 'email', not 'sms'"),
        ("sinks:\n  - {name: x, type: webhook, url: ftp://a}\n", "a webhook needs an http(s) url"),
        ("sinks:\n  - {name: x, type: webhook, url: 'http://a', format: pigeon}\n", "format must be one of generic, slack, discord, teams, ntfy, telegram, matrix, not 'pigeon'"),
        ("sinks:\n  - {name: x, type: webhook}\n", "sink 'x': a webhook needs a url, url_file or url_env"),
        ("sinks:\n  - {name: x, type: webhook, url: 'http://a', url_env: HOOK}\n", "sink 'x': give one of url, url_env, not several"),
        ("feeds:\n  - {url: 'file:///etc/passwd'}\n", "a feed needs an http(s) url"),
        ("feeds:\n  - {url: 'http://a', interval: 10s}\n", "interval must be at least 1m"),
        ("feeds:\n  - {url: 'http://a', watchlists: [nope]}\n", "names watch-list 'nope', which is not defined"),
        ("watchlists:\n  - {name: w, sinks: [nope], topics: [x]}\n", ":2:23: watch-list 'w' names sink 'nope', which is not defined (defined: none)"),
        ("watchlists:\n  - {name: w, topics: [{name: t, entity: Narnia}]}\n", ":2:42: watch-list 'w', topic 't': entity 'Narnia' is not in the gazetteer"),
        ("watchlists:\n  - {name: w, topics: [{name: t, entity: Rusia}]}\n", ":2:42: watch-list 'w', topic 't': entity 'Rusia' is not in the gazetteer (did you mean 'Russia'?); use terms instead"),
        ("watchlists:\n  - {name: w, topics: [{name: t, terms: [ok, 'cy*']}]}\n", ":2:46: watch-list 'w', topic 't': terms: 'cy*' must be one word of at least three letters followed by *"),
        ("watchlists:\n  - {name: w, topics: [{name: t, terms: ['cyber ops*']}]}\n", ":2:42: watch-list 'w', topic 't': terms: 'cyber ops*' must be one word"),
        ("feeds: [\n", "not valid YAML"),
        ("", "the file is empty (truncated, or still being written?)"),
        ("# only a comment\n", "the file is empty"),
        ("watchlists:\n  - {name: w, topics: [{name: R, entity: Russia, also: [capitol]}]}\n", "also takes capital, seat, leaders, not 'capitol'; did you mean 'capital'?"),
        ("watchlists:\n  - {name: w, topics: [{name: R, terms: [x], also: [capital]}]}\n", "also needs an entity to stand for"),
    ])
    func invalidConfigurationsGetPreciseErrors(yaml: String, expected: String) {
        #expect(errors(yaml).contains(expected), "\(errors(yaml))")
    }

    /// Slack, Discord and Teams URLs are the credential: they can be kept out of the file.
    @Test func webhookURLFromAFileOrAVariable() throws {
        let config = try load("""
        sinks:
          - {name: slack, type: webhook, url_file: slack-url, format: slack}
          - {name: discord, type: webhook, url_env: DISCORD_URL, format: discord}
        """)
        #expect(config.sinks.map(\.kind) == [.webhook(WebhookSink(target: .secret(.file("slack-url")), format: .slack)),
                                              .webhook(WebhookSink(target: .secret(.environment("DISCORD_URL")), format: .discord))])
    }

    /// A mistyped webhook URL is still a credential: the error names the sink and the place, not the URL.
    @Test func aBadWebhookURLIsNotQuotedBack() {
        let message = errors("sinks:\n  - {name: x, type: webhook, url: 'htps://hooks.slack.com/services/T0/B0/sekrit'}\n")
        #expect(message.contains("sink 'x': a webhook needs an http(s) url"))
        #expect(!message.contains("sekrit"))
    }

    @Test(arguments: [
        ("https://hooks.slack.com/services/T0/B0/XYZsecret", "https://hooks.slack.com/…"),
        ("https://discord.com/api/webhooks/123/tok?wait=true", "https://discord.com/…"),
        ("https://user:pw@example.com:8443/hook", "https://example.com:8443/…"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
        ("https://prod.westus.logic.azure.com?sig=abc", "https://prod.westus.logic.azure.com/…"),
    ])
    func webhookURLsAreShownWithoutPathOrQuery(url: String, shown: String) {
        #expect(RedactedURL.display(url) == shown)
        #expect(WebhookTarget.url(url).redacted == shown)
        #expect(RedactedURL.scrubbingURLs(in: "\(url): Couldn't connect to server") == "\(shown): Couldn't connect to server")
    }

    @Test func scrubbingLeavesTextWithoutURLsAlone() {
        #expect(RedactedURL.scrubbingURLs(in: "HTTP 500") == "HTTP 500")
        #expect(RedactedURL.scrubbingURLs(in: "a https://h.example/x/y b http://g.example/z") == "a https://h.example/… b http://g.example/…")
    }

    /// Yams quotes the offending line in its errors; for a `url:` line that is the credential.
    @Test func aYAMLErrorDoesNotQuoteTheLine() {
        let message = errors("sinks:\n  - {name: x, type: webhook, url: https://hooks.slack.com/services/T0/B0/sekrit\n")
        #expect(message.contains("not valid YAML"), "\(message)")
        #expect(!message.contains("sekrit"), "\(message)")
    }
}
