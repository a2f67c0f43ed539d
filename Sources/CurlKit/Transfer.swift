import CLibCurl
import Foundation

/// One transfer in flight: its easy handle, its request headers, and what has arrived. Handed to
/// libcurl's callbacks as their userdata.
final class Transfer {
    let request: FetchRequest
    let easy: CurlEasy
    let headerList: CurlStringList
    let started = Date()
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var statuses: [Int] = []
    /// The Location of every redirect, in order, resolved against the URL it came from.
    var redirectChain: [String]
    var overflowed = false

    static let maximumRedirects = 5
    static let lowSpeedLimit = 100
    static let lowSpeedTime = 15

    init(_ request: FetchRequest) throws(CurlError) {
        self.request = request
        redirectChain = [request.url]
        easy = try CurlEasy()
        var lines = ["Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"]
        if let etag = request.etag { lines.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { lines.append("If-Modified-Since: \(lastModified)") }
        headerList = CurlStringList(lines)
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_HTTPHEADER, list: headerList)
        try easy.set(CURLOPT_USERAGENT, request.userAgent)
        try easy.set(CURLOPT_FOLLOWLOCATION, 1)
        try easy.set(CURLOPT_MAXREDIRS, Self.maximumRedirects)
        // Only http and https, for the first request and every redirect: a feed must not send us to file://.
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl decodes (gzip, deflate, br, zstd)
        try easy.set(CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000))
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000))
        // A server that trickles: less than 100 bytes/s for 15 s ends the transfer.
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, Self.lowSpeedLimit)
        try easy.set(CURLOPT_LOW_SPEED_TIME, Self.lowSpeedTime)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_WRITEFUNCTION, callback: Transfer.write)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION, callback: Transfer.header)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
    }

    /// Counts decoded bytes: libcurl's own size limit does not stop a compressed bomb, this does.
    static let write: fw_data_callback = { data, size, count, userdata in
        guard let userdata, let data else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        guard transfer.body.count + length <= transfer.request.maximumBytes else {
            transfer.overflowed = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    static let header: fw_data_callback = { data, size, count, userdata in
        guard let userdata, let data else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        switch HeaderLine(line) {
        case .status(let status):
            transfer.statuses.append(status)
            transfer.headers.removeAll()
        case .field(let name, let value):
            transfer.headers.append((name, value))
            if name == "location", let status = transfer.statuses.last, (300..<400).contains(status),
               let base = transfer.redirectChain.last, let next = URL(string: value, relativeTo: URL(string: base)) {
                transfer.redirectChain.append(next.absoluteString)
            }
        case .other: break
        }
        return length
    }

    func result(code: CURLcode) -> FetchResult {
        let status = easy.info(long: CURLINFO_RESPONSE_CODE)
        var error: FetchError?
        let elapsed = Date().timeIntervalSince(started)
        if overflowed {
            error = .bodyTooLarge(limit: request.maximumBytes)
        } else if code != CURLE_OK {
            let host = URLComponents(string: redirectChain.last ?? request.url)?.host ?? request.url
            error = FetchError.from(code: code, request: request, host: host, bytesReceived: body.count, elapsed: elapsed,
                                    connected: easy.info(offset: CURLINFO_CONNECT_TIME_T) > 0, redirectChain: redirectChain)
        }
        // 1xx interim responses are not redirects; every status before the last is a hop.
        let hops = statuses.filter { $0 >= 200 }.dropLast()
        return FetchResult(request: request, status: status, headers: headers, body: overflowed ? [] : body,
                           effectiveURL: easy.info(string: CURLINFO_EFFECTIVE_URL), redirectStatuses: Array(hops),
                           error: error, elapsed: elapsed)
    }
}
