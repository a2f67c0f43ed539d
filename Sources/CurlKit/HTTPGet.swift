import Foundation
import CLibCurl

/// A response as libcurl received it (after decoding gzip, deflate or brotli).
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header lines of the final response, names lowercased, in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var effectiveURL: String?

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.name == lower }?.value
    }
}

/// One blocking GET, for commands run by a person (`feedwatch parse URL`); the daemon uses the multi loop.
public enum HTTPGet {
    public static func fetch(_ url: String, timeoutSeconds: Int = 30, maximumBytes: Int = 10 << 20,
                             userAgent: String) throws(CurlError) -> HTTPResponse {
        let easy = try CurlEasy()
        let sink = ResponseSink(limit: maximumBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_FOLLOWLOCATION, 1)
        try easy.set(CURLOPT_MAXREDIRS, 5)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_TIMEOUT, timeoutSeconds)
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        try easy.set(CURLOPT_USERAGENT, userAgent)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_WRITEFUNCTION, callback: ResponseSink.write)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION, callback: ResponseSink.header)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        let code = withExtendedLifetime(sink) { easy.perform() }
        if sink.overflowed {
            throw CurlError(message: "\(url): the body is larger than \(maximumBytes) bytes", code: code)
        }
        guard code == CURLE_OK else {
            throw CurlError(message: "\(url): \(CurlError.describe(code))", code: code)
        }
        return HTTPResponse(status: easy.info(long: CURLINFO_RESPONSE_CODE), headers: sink.headers,
                            body: sink.body, effectiveURL: easy.info(string: CURLINFO_EFFECTIVE_URL))
    }
}

/// Collects one transfer's headers and body; handed to libcurl's callbacks as their userdata.
final class ResponseSink {
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var overflowed = false
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Counts decoded bytes, so a compressed bomb stops at the limit like any other large body.
    static let write: fw_data_callback = { data, size, count, userdata in
        guard let userdata, let data else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        guard sink.body.count + length <= sink.limit else {
            sink.overflowed = true
            return 0  // makes libcurl stop with CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    static let header: fw_data_callback = { data, size, count, userdata in
        guard let userdata, let data else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        switch HeaderLine(line) {
        case .status: sink.headers.removeAll()  // a new response after a redirect: keep only the final one's
        case .field(let name, let value): sink.headers.append((name, value))
        case .other: break
        }
        return length
    }
}


/// One blocking POST, redirects not followed (a webhook that moved must be reconfigured, not guessed).
/// Its errors never quote the URL: a webhook URL is often the credential itself.
public enum HTTPPost {
    /// `method`: POST, or another that carries a body (Matrix sends its messages with PUT).
    public static func send(_ url: String, method: String = "POST", body: [UInt8], headers: [String], timeoutSeconds: Double,
                            userAgent: String) throws(CurlError) -> HTTPResponse {
        let easy = try CurlEasy()
        let sink = ResponseSink(limit: 1 << 20)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let headerList = CurlStringList(headers)
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_TIMEOUT_MS, Int(timeoutSeconds * 1000))
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeoutSeconds, 10) * 1000))
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_USERAGENT, userAgent)
        try easy.set(CURLOPT_HTTPHEADER, list: headerList)
        try easy.set(CURLOPT_POSTFIELDSIZE, body.count)
        try easy.set(CURLOPT_COPYPOSTFIELDS, String(decoding: body, as: UTF8.self))
        if method != "POST" { try easy.set(CURLOPT_CUSTOMREQUEST, method) }
        try easy.set(CURLOPT_WRITEFUNCTION, callback: ResponseSink.write)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION, callback: ResponseSink.header)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        let code = withExtendedLifetime((sink, headerList)) { easy.perform() }
        guard code == CURLE_OK || sink.overflowed else {
            throw CurlError(message: CurlError.describe(code), code: code)
        }
        return HTTPResponse(status: easy.info(long: CURLINFO_RESPONSE_CODE), headers: sink.headers, body: sink.body,
                            effectiveURL: easy.info(string: CURLINFO_EFFECTIVE_URL))
    }
}

/// One line that libcurl's header callback receives.
enum HeaderLine {
    /// `HTTP/1.1 301 Moved Permanently`: a new response starts (after a redirect or a 100 Continue).
    case status(Int)
    /// `Name: value`, the name lowercased.
    case field(name: String, value: String)
    case other

    init(_ line: String) {
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ")
            self = .status(parts.count >= 2 ? Int(parts[1]) ?? 0 : 0)
        } else if let colon = line.firstIndex(of: ":") {
            self = .field(name: line[..<colon].lowercased(),
                          value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            self = .other
        }
    }
}
