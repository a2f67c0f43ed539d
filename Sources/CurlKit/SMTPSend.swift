import CLibCurl

/// One message handed to an SMTP server with libcurl: `smtps://` (TLS from the start) or `smtp://`
/// (STARTTLS, required unless `requireTLS` is false). libcurl does the dot-stuffing of the data.
public enum SMTPSend {
    public struct Request {
        public var url: String
        public var from: String
        public var recipients: [String]
        public var message: [UInt8]
        public var username: String?
        public var password: String?
        /// A CA bundle to check the server's certificate against, instead of the system's.
        public var caFile: String?
        public var requireTLS: Bool
        public var timeoutSeconds: Double

        public init(url: String, from: String, recipients: [String], message: [UInt8], username: String? = nil, password: String? = nil,
                    caFile: String? = nil, requireTLS: Bool = true, timeoutSeconds: Double = 30) {
            self.url = url
            self.from = from
            self.recipients = recipients
            self.message = message
            self.username = username
            self.password = password
            self.caFile = caFile
            self.requireTLS = requireTLS
            self.timeoutSeconds = timeoutSeconds
        }
    }

    /// What the server answered last: its reply code (0 when none came), and libcurl's error if any.
    public struct Reply: Sendable {
        public var code: Int
        public var error: CurlError?
    }

    public static func send(_ request: Request) throws(CurlError) -> Reply {
        let easy = try CurlEasy()
        let source = UploadSource(request.message)
        let recipients = CurlStringList(request.recipients.map { "<\($0)>" })
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_MAIL_FROM, "<\(request.from)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: recipients)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_INFILESIZE, request.message.count)
        try easy.set(CURLOPT_READFUNCTION, callback: UploadSource.read)
        try easy.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(source).toOpaque())
        try easy.set(CURLOPT_USE_SSL, request.requireTLS ? Int(CURLUSESSL_ALL.rawValue) : Int(CURLUSESSL_TRY.rawValue))
        if let username = request.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = request.password { try easy.set(CURLOPT_PASSWORD, password) }
        if let caFile = request.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        try easy.set(CURLOPT_TIMEOUT_MS, Int(request.timeoutSeconds * 1000))
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(min(request.timeoutSeconds, 10) * 1000))
        try easy.set(CURLOPT_NOSIGNAL, 1)
        let code = withExtendedLifetime((source, recipients)) { easy.perform() }
        let reply = easy.info(long: CURLINFO_RESPONSE_CODE)
        return Reply(code: reply, error: code == CURLE_OK ? nil : CurlError(message: CurlError.describe(code), code: code))
    }
}

/// Hands libcurl the message a piece at a time.
private final class UploadSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let read: fw_data_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let source = Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, source.bytes.count - source.offset)
        source.bytes.withUnsafeBufferPointer { all in
            if let base = all.baseAddress, length > 0 {
                UnsafeMutableRawPointer(buffer).copyMemory(from: base + source.offset, byteCount: length)
            }
        }
        source.offset += length
        return length
    }
}
