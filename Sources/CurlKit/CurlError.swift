import CLibCurl

/// A libcurl failure, with curl's own explanation.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let code: CURLcode?

    public init(message: String, code: CURLcode? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { message }

    static func describe(_ code: CURLcode) -> String { String(cString: curl_easy_strerror(code)) }
}
