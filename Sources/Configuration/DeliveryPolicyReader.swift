import Yams

/// Reads a delivery policy: the keys of a sink, or of a watch-list's `delivery:` mapping.
enum DeliveryPolicyReader {
    static let keys = ["digest", "quiet_hours", "max_per_hour"]

    static func read(_ fields: [String: Node], _ what: String, _ reader: inout YAMLReader) -> DeliveryPolicy {
        var policy = DeliveryPolicy()
        if let node = fields["digest"], let text = reader.string(node, "\(what): digest") {
            if text.hasPrefix("daily") {
                switch DigestSchedule.parseDaily(text) {
                case .success(let schedule): policy.digest = schedule
                case .failure(let error): reader.fail(node, "\(what): digest: \(error)")
                }
            } else if let window = reader.duration(node, "\(what): digest") {
                if window < 1 { reader.fail(node, "\(what): digest must be at least 1s") } else { policy.digest = .every(window) }
            }
        }
        if let node = fields["quiet_hours"], let text = reader.string(node, "\(what): quiet_hours") {
            switch QuietHours.parse(text) {
            case .success(let quiet): policy.quietHours = quiet
            case .failure(let error): reader.fail(node, "\(what): quiet_hours: \(error)")
            }
        }
        if let node = fields["max_per_hour"], let limit = reader.integer(node, "\(what): max_per_hour", minimum: 1) {
            policy.maxPerHour = limit
            if fields["digest"] != nil { reader.fail(node, "\(what): max_per_hour is for alerts sent one by one, not with a digest") }
        }
        return policy
    }

    /// A watch-list's `delivery:`: `immediate` (past its sinks' policies), or a mapping of the keys
    /// above, which take the place of its sinks' own.
    static func readWatchlistDelivery(_ node: Node, _ what: String, _ reader: inout YAMLReader) -> DeliveryPolicy? {
        if let word = node.scalar?.string {
            guard word == "immediate" else {
                reader.fail(node, "\(what): delivery is 'immediate' or a mapping of \(keys.joined(separator: ", ")), not '\(word)'")
                return nil
            }
            return .immediate
        }
        guard let fields = reader.mapping(node, "\(what): delivery", allowed: keys) else { return nil }
        let policy = read(fields, "\(what): delivery", &reader)
        if policy.isImmediate { reader.fail(node, "\(what): delivery needs digest, quiet_hours or max_per_hour (or the word immediate)") }
        return policy
    }
}
