import Foundation

/// One feed to fetch, with what the last fetch left for a conditional GET.
public struct FetchRequest: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var timeout: TimeInterval
    public var connectTimeout: TimeInterval
    /// Decoded bytes allowed; a longer body is cut off and the fetch fails.
    public var maximumBytes: Int
    public var userAgent: String
    /// The caller's name for this transfer, handed back with its result (feedwatch: the configured
    /// feed, since two feeds can be fetched from one URL once one has moved).
    public var key: String

    public init(url: String, etag: String? = nil, lastModified: String? = nil, timeout: TimeInterval = 30,
                connectTimeout: TimeInterval = 10, maximumBytes: Int = 10 << 20, userAgent: String, key: String? = nil) {
        self.url = url
        self.key = key ?? url
        self.etag = etag
        self.lastModified = lastModified
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maximumBytes = maximumBytes
        self.userAgent = userAgent
    }
}

/// How a fetch ended.
public struct FetchResult: Sendable {
    public var request: FetchRequest
    /// The final response's status, 0 when no response arrived.
    public var status: Int
    /// The final response's headers, names lowercased.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var effectiveURL: String?
    /// Statuses of the redirects followed, in order.
    public var redirectStatuses: [Int]
    /// Why the transfer failed (timeout, connection refused, body too large, …), or nil.
    public var error: FetchError?
    public var elapsed: TimeInterval

    public init(request: FetchRequest, status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                effectiveURL: String? = nil, redirectStatuses: [Int] = [], error: FetchError? = nil, elapsed: TimeInterval = 0) {
        self.request = request
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
        self.redirectStatuses = redirectStatuses
        self.error = error
        self.elapsed = elapsed
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.name == lower }?.value
    }

    /// Every redirect followed was permanent (301 or 308), so the feed has moved for good.
    public var movedPermanently: Bool {
        !redirectStatuses.isEmpty && redirectStatuses.allSatisfy { $0 == 301 || $0 == 308 }
    }
}
