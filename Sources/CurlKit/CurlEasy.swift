import CLibCurl

/// Owns one libcurl easy handle; the handle is cleaned up when this object goes.
/// Options are set through the typed wrappers of the C shim, since Swift cannot call `curl_easy_setopt`.
public final class CurlEasy {
    let handle: UnsafeMutableRawPointer

    public init() throws(CurlError) {
        guard let handle = curl_easy_init() else { throw CurlError(message: "curl_easy_init failed") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    public func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(fw_easy_setopt_long(handle, option, value), option)
    }

    public func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(fw_easy_setopt_string(handle, option, value), option)
    }

    public func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(fw_easy_setopt_pointer(handle, option, pointer), option)
    }

    public func set(_ option: CURLoption, callback: fw_data_callback) throws(CurlError) {
        try check(fw_easy_setopt_data_callback(handle, option, callback), option)
    }

    public func set(_ option: CURLoption, list: CurlStringList) throws(CurlError) {
        try check(fw_easy_setopt_slist(handle, option, list.pointer), option)
    }

    public func perform() -> CURLcode { curl_easy_perform(handle) }

    public func info(long key: CURLINFO) -> Int {
        var value = 0
        _ = fw_easy_getinfo_long(handle, key, &value)
        return value
    }

    public func info(offset key: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = fw_easy_getinfo_offset(handle, key, &value)
        return Int64(value)
    }

    public func info(string key: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard fw_easy_getinfo_string(handle, key, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(message: "setting curl option \(option.rawValue) failed: \(CurlError.describe(code))", code: code)
        }
    }
}

/// A `curl_slist` (request headers), freed with its owner.
public final class CurlStringList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    public init(_ lines: [String]) {
        for line in lines { pointer = curl_slist_append(pointer, line) }
    }

    deinit { curl_slist_free_all(pointer) }
}

/// Process-wide libcurl set-up: call `initialize()` in `main` before any thread starts.
public enum CurlLibrary {
    public static func initialize() { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }
    public static var version: String { String(cString: curl_version()) }
}
